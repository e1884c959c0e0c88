// docker's PORTS column (docker/cli formatter.DisplayablePorts), pure: the
// container's published and exposed ports sorted, consecutive ones folded into
// ranges per IP and protocol, mappings to another host port listed last.

/** One port of the daemon's list (container.Port). */
export interface PortJSON {
	IP?: string;
	PrivatePort: number;
	PublicPort?: number;
	Type: string;
}

const joinHostPort = (host: string, port: string): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** formatter.DisplayablePorts: "0.0.0.0:80->9090/tcp, 9988/tcp", consecutive ports folded into ranges. */
export function displayablePorts(input: PortJSON[]): string {
	const ports = input.map(p => ({ip: p.IP ?? '', priv: p.PrivatePort & 0xffff, pub: (p.PublicPort ?? 0) & 0xffff, type: p.Type ?? ''}));
	const byteLess = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b)) < 0;
	ports.sort((i, j) => {
		const less = i.priv !== j.priv ? i.priv < j.priv : i.ip !== j.ip ? byteLess(i.ip, j.ip) : i.pub !== j.pub ? i.pub < j.pub : byteLess(i.type, j.type);
		const more = j.priv !== i.priv ? j.priv < i.priv : j.ip !== i.ip ? byteLess(j.ip, i.ip) : j.pub !== i.pub ? j.pub < i.pub : byteLess(j.type, i.type);
		return less ? -1 : more ? 1 : 0;
	});
	const groups = new Map<string, {first: number; last: number}>();
	const keys: string[] = [];
	const result: string[] = [];
	const hostMappings: string[] = [];
	for (const port of ports) {
		const current = port.priv;
		let key = port.type;
		if (port.ip !== '') {
			if (port.pub !== current) {
				hostMappings.push(`${joinHostPort(port.ip, String(port.pub))}->${port.priv}/${port.type}`);
				continue;
			}
			key = `${port.ip}/${port.type}`;
		}
		const group = groups.get(key);
		if (!group) {
			groups.set(key, {first: current, last: current});
			keys.push(key);
			continue;
		}
		if (current === ((group.last + 1) & 0xffff)) {
			group.last = current;
			continue;
		}
		result.push(formGroup(key, group.first, group.last));
		groups.set(key, {first: current, last: current});
	}
	for (const key of keys) {
		const g = groups.get(key)!;
		result.push(formGroup(key, g.first, g.last));
	}
	return [...result, ...hostMappings].join(', ');
}

function formGroup(key: string, start: number, last: number): string {
	const parts = key.split('/');
	let type = parts[0];
	let ip = '';
	if (parts.length > 1) {
		ip = parts[0];
		type = parts[1];
	}
	let group = String(start);
	if (start !== last) group = `${group}-${last}`;
	if (ip !== '') group = `${joinHostPort(ip, group)}->${group}`;
	return `${group}/${type}`;
}
