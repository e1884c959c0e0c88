/**
 * An image config's `config` (and `container_config`) as the daemon shows it
 * in `docker image inspect`: unmarshalled into its container.Config struct,
 * so every field is there (zero values included) in the struct's order, and
 * the omitempty ones only when set. Templates such as `{{.Config.Cmd}}` then
 * work on an image whose config left them out, as they do after a pull. Pure.
 */

type Field = [name: string, zero: unknown, omitEmpty: boolean];

const fields: Field[] = [
	['Hostname', '', false],
	['Domainname', '', false],
	['User', '', false],
	['AttachStdin', false, false],
	['AttachStdout', false, false],
	['AttachStderr', false, false],
	['ExposedPorts', undefined, true],
	['Tty', false, false],
	['OpenStdin', false, false],
	['StdinOnce', false, false],
	['Env', null, false],
	['Cmd', null, false],
	['Healthcheck', undefined, true],
	['ArgsEscaped', undefined, true],
	['Image', '', false],
	['Volumes', null, false],
	['WorkingDir', '', false],
	['Entrypoint', null, false],
	['NetworkDisabled', undefined, true],
	['MacAddress', undefined, true],
	['OnBuild', null, false],
	['Labels', null, false],
	['StopSignal', undefined, true],
	['StopTimeout', undefined, true],
	['Shell', undefined, true],
];

const empty = (v: unknown) => v === undefined || v === null || v === false || v === '' || v === 0 || (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && Object.keys(v).length === 0);

/** Go's json.Unmarshal matches field names without regard to case. */
function lookup(doc: Record<string, unknown>, name: string): unknown {
	if (name in doc) return doc[name];
	const key = Object.keys(doc).find((k) => k.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : doc[key];
}

export function daemonContainerConfig(value: unknown): Record<string, unknown> {
	const doc = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
	const out: Record<string, unknown> = {};
	for (const [name, zero, omitEmpty] of fields) {
		const v = lookup(doc, name);
		if (omitEmpty) {
			if (!empty(v)) out[name] = v;
		} else out[name] = v === undefined ? zero : v;
	}
	return out;
}
