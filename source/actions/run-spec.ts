/**
 * The run form -> the engine's container-create body (what `docker run`
 * would send). Every field is checked; all problems come back at once, keyed
 * by field, so the form can show each next to its field. Pure.
 */
import {parseReference} from './reference.js';
import {parseContainerName, parseEnv, parsePort, parseVolume} from './run-fields.js';
import {listEntries, splitShellWords} from './shell-words.js';

export interface RunForm {
	/** The image to run: a reference or an image ID (the selected row's). */
	image: string;
	/** Split like a shell; empty runs the image's own CMD. */
	command?: string;
	/** Empty lets the engine pick a name. */
	name?: string;
	/** KEY=VALUE entries: an array (one per line) or one line split like a shell (`A=1 B="x y"`). */
	env?: string | readonly string[];
	/** `[ip:]host:container[/proto]` entries, array or one line (spaces or commas between). */
	ports?: string | readonly string[];
	/** `name:/path`, `/host:/path[:ro|rw]` or `/path`, array or one line split like a shell. */
	volumes?: string | readonly string[];
	removeOnExit?: boolean;
	/** The network to join (HostConfig.NetworkMode): "bridge" (the engine's default when empty), "host", "none", a network name, or container:NAME. */
	network?: string;
	/** Attach the terminal: the container gets a TTY and stdin. */
	attach?: boolean;
}

export type RunField = keyof RunForm;

/** The subset of the Engine API's ContainerCreate body the form fills (dockerode's ContainerCreateOptions fits it). */
export interface ContainerCreateBody {
	Image: string;
	Cmd?: string[];
	Env?: string[];
	ExposedPorts?: Record<string, Record<string, never>>;
	Volumes?: Record<string, Record<string, never>>;
	Tty: boolean;
	OpenStdin: boolean;
	StdinOnce: boolean;
	AttachStdin: boolean;
	AttachStdout: boolean;
	AttachStderr: boolean;
	HostConfig: {
		PortBindings?: Record<string, {HostIp: string; HostPort: string}[]>;
		Binds?: string[];
		AutoRemove: boolean;
		NetworkMode?: string;
	};
}

export interface RunSpec {
	/** The container name, for the create call's `name` query. */
	name?: string;
	attach: boolean;
	body: ContainerCreateBody;
}

export type RunSpecResult = {ok: true; spec: RunSpec} | {ok: false; errors: Partial<Record<RunField, string>>};

const networkRe = /^(?:container:)?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;
const imageIdRe = /^(?:sha256:)?[a-f0-9]{12,64}$/;

export interface RunSpecOptions {
	/** Where `KEY` without a value is looked up (docker run -e KEY); process.env in the app. */
	hostEnv?: Readonly<Record<string, string | undefined>>;
}

export function parseRunForm(form: RunForm, options: RunSpecOptions = {}): RunSpecResult {
	const errors: Partial<Record<RunField, string>> = {};
	const attach = Boolean(form.attach);
	const body: ContainerCreateBody = {
		Image: '',
		Tty: attach,
		OpenStdin: attach,
		StdinOnce: attach,
		AttachStdin: attach,
		// Detached runs attach nothing (docker run -d).
		AttachStdout: attach,
		AttachStderr: attach,
		HostConfig: {AutoRemove: Boolean(form.removeOnExit)},
	};

	const image = form.image.trim();
	const reference = parseReference(image, {allowDigest: true});
	if (reference.ok) body.Image = reference.reference;
	else if (imageIdRe.test(image)) body.Image = image;
	else errors.image = reference.problem;

	const command = splitShellWords(form.command ?? '');
	if (!command.ok) errors.command = `invalid command: ${command.problem}`;
	else if (command.words.length) body.Cmd = command.words;

	const name = parseContainerName(form.name ?? '');
	if (!name.ok) errors.name = name.problem;

	const env = listEntries(form.env);
	if (!env.ok) errors.env = `invalid environment: ${env.problem}`;
	else {
		const values: string[] = [];
		for (const entry of env.words) {
			const parsed = parseEnv(entry, options.hostEnv);
			if (!parsed.ok) {
				errors.env = parsed.problem;
				break;
			}
			values.push(parsed.value);
		}
		if (values.length) body.Env = values;
	}

	// Ports never hold spaces or commas, so both separate entries.
	const ports = typeof form.ports === 'string' ? {ok: true as const, words: form.ports.split(/[\s,]+/).filter(Boolean)} : listEntries(form.ports);
	if (ports.ok) {
		for (const entry of ports.words) {
			const parsed = parsePort(entry);
			if (!parsed.ok) {
				errors.ports = parsed.problem;
				break;
			}
			for (const mapping of parsed.value) {
				body.ExposedPorts = {...body.ExposedPorts, [mapping.port]: {}};
				const bindings = (body.HostConfig.PortBindings ??= {});
				(bindings[mapping.port] ??= []).push({HostIp: mapping.hostIp, HostPort: mapping.hostPort});
			}
		}
	}

	const volumes = listEntries(form.volumes);
	if (!volumes.ok) errors.volumes = `invalid volumes: ${volumes.problem}`;
	else {
		for (const entry of volumes.words) {
			const parsed = parseVolume(entry);
			if (!parsed.ok) {
				errors.volumes = parsed.problem;
				break;
			}
			if (parsed.value.bind) (body.HostConfig.Binds ??= []).push(parsed.value.bind);
			if (parsed.value.anonymous) body.Volumes = {...body.Volumes, [parsed.value.anonymous]: {}};
		}
	}

	const network = (form.network ?? '').trim();
	if (network && !networkRe.test(network)) errors.network = `invalid network "${network}": use a network name ([a-zA-Z0-9][a-zA-Z0-9_.-]*), host, none, or container:NAME`;
	else if (network) body.HostConfig.NetworkMode = network;

	if (Object.keys(errors).length) return {ok: false, errors};
	return {ok: true, spec: {name: name.ok ? name.value : undefined, attach, body}};
}
