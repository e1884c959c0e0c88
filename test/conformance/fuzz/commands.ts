// The commands the fuzzer drives: one table entry each. An entry says how a
// generated format becomes docker's and imgscope's arguments, which targets
// and flags a case may pick, and the field vocabulary the generator draws on.
// Adding a command (ps, volume ls, ...) is adding an entry to COMMANDS.
import {APP, BASE, COMMITTED, DANGLING, HOSTILE, ZERO} from '../cases.js';
import {CONTAINERS, FUZZ_LABEL, VOLUMES, type EnvName} from './objects.js';

/**
 * What a field holds, so the generator can mostly pass it where it fits:
 * s string, n number, b bool, l list, m map, o struct (has sub-fields), x other
 * (time, duration, method values, unexported or missing names).
 */
export type Kind = 's' | 'n' | 'b' | 'l' | 'm' | 'o' | 'x';

/** A field path from the command's dot (`.Config.Env`) and what it holds; `arg` is a method's argument text. */
export interface Field {
	path: string;
	kind: Kind;
	arg?: string;
}

export interface FuzzCommand {
	name: string;
	/** 'inspect': docker's inspector (no trimming, typed then raw pass); 'list': formatter.Context (table, json, `\t`). */
	style: 'inspect' | 'list';
	/** docker's and imgscope's arguments for a format, flags and targets. */
	docker(format: string, flags: string[], targets: string[]): string[];
	imgscope(format: string, flags: string[], targets: string[]): string[];
	/** Target lists a case picks one of ('@dangling' is substituted as in cases.ts). */
	targets: string[][];
	/** Flag sets a case picks one of. */
	flags: string[][];
	fields: Field[];
	/** The environment the command runs in (objects.ts makes it): a private DOCKER_CONFIG, a private dockerd. */
	env?: EnvName;
	/** One case at a time: a 20.10 daemon refuses a second disk usage request while one runs. */
	exclusive?: boolean;
}

const f = (kind: Kind, ...paths: string[]): Field[] => paths.map(path => ({path, kind}));

// image.InspectResponse (typed pass) and the raw JSON's own names (second pass).
const INSPECT_FIELDS: Field[] = [
	...f('s', '.ID', '.Id', '.Parent', '.Comment', '.Created', '.Container', '.DockerVersion', '.Author', '.Architecture', '.Variant', '.Os', '.OsVersion'),
	...f('n', '.Size', '.VirtualSize'),
	...f('l', '.RepoTags', '.RepoDigests', '.RootFS.Layers', '.Config.Env', '.Config.Cmd', '.Config.Entrypoint', '.Config.OnBuild', '.Config.Shell',
		'.Config.Healthcheck.Test', '.ContainerConfig.Cmd', '.ContainerConfig.Env', '.Manifests'),
	...f('m', '.Config.Labels', '.Config.ExposedPorts', '.Config.Volumes', '.GraphDriver.Data', '.ContainerConfig.Labels', '.ContainerConfig.ExposedPorts'),
	...f('o', '.Config', '.ContainerConfig', '.GraphDriver', '.RootFS', '.Metadata', '.Config.Healthcheck', '.Descriptor'),
	...f('s', '.Config.User', '.Config.WorkingDir', '.Config.StopSignal', '.Config.Hostname', '.Config.Image', '.GraphDriver.Name', '.RootFS.Type',
		'.RootFS.BaseLayer', '.ContainerConfig.Hostname', '.ContainerConfig.Image', '.Config.Labels.maintainer', '.Config.MacAddress'),
	...f('b', '.Config.Tty', '.Config.AttachStdin', '.Config.ArgsEscaped', '.Config.OpenStdin', '.ContainerConfig.NetworkDisabled'),
	...f('x', '.Metadata.LastTagTime', '.Metadata.LastTagTime.Unix', '.Metadata.LastTagTime.Year', '.Metadata.LastTagTime.IsZero', '.Config.Healthcheck.Interval',
		'.Config.Healthcheck.Timeout', '.Config.Healthcheck.Retries', '.Config.Healthcheck.Interval.Seconds', '.Size.String', '.Size.Int64', '.ContainerConfig.StopTimeout',
		'.Nope', '.Config.Nope', '.Os.Nope', '.Config.Labels.nope', '.Config.DockerOCIImageConfigExt', '.Config.ImageConfig', '.Metadata.LastTagTime.Month',
		'.Metadata.LastTagTime.Weekday', '.Metadata.LastTagTime.UTC', '.Metadata.LastTagTime.Nanosecond', '.Metadata.LastTagTime.String', '.Config.Healthcheck.Interval.String',
		'.Config.Healthcheck.Interval.Minutes', '.Config.Healthcheck.StartPeriod', '.Size.Float64', '.Config.Domainname', '.Config.AttachStdout', '.RootFS.Layers.Nope'),
	{path: '.Metadata.LastTagTime.Format', kind: 'x', arg: '"2006-01-02 15:04"'},
	{path: '.Metadata.LastTagTime.Add', kind: 'x', arg: '-3600000000000'},
	{path: '.Metadata.LastTagTime.Round', kind: 'x', arg: '60000000000'},
	{path: '.Metadata.LastTagTime.Truncate', kind: 'x', arg: '3600000000000'},
	{path: '.Metadata.LastTagTime.AddDate', kind: 'x', arg: '0 1 -40'},
	...f('x', '.Metadata.LastTagTime.UnixMilli', '.Metadata.LastTagTime.UnixMicro', '.Metadata.LastTagTime.IsDST', '.Metadata.LastTagTime.YearDay', '.Metadata.LastTagTime.Hour'),
];

const LS_FIELDS: Field[] = [
	...f('s', '.ID', '.Repository', '.Tag', '.Digest', '.CreatedSince', '.CreatedAt', '.Size', '.Containers', '.VirtualSize', '.SharedSize', '.UniqueSize'),
	...f('x', '.MarshalJSON', '.FullHeader', '.Header', '.trunc', '.i', '.Nope', '.ID.Nope', '.Labels'),
];

const HISTORY_FIELDS: Field[] = [
	...f('s', '.ID', '.CreatedSince', '.CreatedAt', '.CreatedBy', '.Size', '.Comment'),
	...f('x', '.MarshalJSON', '.FullHeader', '.Header', '.h', '.trunc', '.human', '.Tags', '.Nope'),
];

// formatter.ContainerContext (ps) and its container.Summary.
const PS_FIELDS: Field[] = [
	...f('s', '.ID', '.Names', '.Image', '.Command', '.CreatedAt', '.RunningFor', '.Ports', '.State', '.Status', '.Size', '.Labels', '.Mounts', '.LocalVolumes', '.Networks'),
	...f('x', '.Platform', '.MarshalJSON', '.FullHeader', '.Header', '.trunc', '.c', '.c.Names', '.c.Labels', '.c.Ports', '.c.Created', '.c.HostConfig', '.FieldsUsed', '.Nope', '.ID.Nope', '.Platform.OS'),
	{path: '.Label', kind: 's', arg: '"nope"'},
	{path: '.Label', kind: 's', arg: '"imgscope.test"'},
];

// container.InspectResponse (typed pass) and the raw JSON's names.
const CONTAINER_INSPECT_FIELDS: Field[] = [
	...f('s', '.Id', '.ID', '.Created', '.Path', '.Image', '.ResolvConfPath', '.HostnamePath', '.HostsPath', '.LogPath', '.Name', '.Driver', '.Platform', '.MountLabel',
		'.ProcessLabel', '.AppArmorProfile', '.State.Status', '.State.Error', '.State.StartedAt', '.State.FinishedAt', '.Config.Image', '.Config.WorkingDir', '.Config.Hostname',
		'.HostConfig.NetworkMode', '.HostConfig.RestartPolicy.Name', '.HostConfig.LogConfig.Type', '.GraphDriver.Name', '.NetworkSettings.IPAddress', '.NetworkSettings.SandboxID',
		'.HostConfig.IpcMode', '.HostConfig.CgroupnsMode', '.State.Health.Status'),
	...f('n', '.RestartCount', '.State.Pid', '.State.ExitCode', '.HostConfig.RestartPolicy.MaximumRetryCount', '.HostConfig.ShmSize', '.HostConfig.Memory', '.HostConfig.CPUShares',
		'.NetworkSettings.IPPrefixLen', '.SizeRw', '.SizeRootFs', '.State.Health.FailingStreak'),
	...f('b', '.State.Running', '.State.Paused', '.State.OOMKilled', '.State.Dead', '.HostConfig.Privileged', '.HostConfig.AutoRemove', '.Config.Tty', '.HostConfig.ReadonlyRootfs',
		'.HostConfig.PublishAllPorts', '.HostConfig.OomKillDisable'),
	...f('l', '.Args', '.ExecIDs', '.Mounts', '.Config.Env', '.Config.Cmd', '.HostConfig.Binds', '.HostConfig.CapAdd', '.HostConfig.DNS', '.HostConfig.MaskedPaths',
		'.HostConfig.ConsoleSize', '.HostConfig.PortBindings.80/tcp', '.State.Health.Log', '.Config.Healthcheck.Test', '.HostConfig.Devices', '.HostConfig.Ulimits'),
	...f('m', '.Config.Labels', '.Config.ExposedPorts', '.HostConfig.PortBindings', '.GraphDriver.Data', '.NetworkSettings.Networks', '.NetworkSettings.Ports',
		'.HostConfig.LogConfig.Config', '.HostConfig.Tmpfs', '.HostConfig.Sysctls', '.Config.Volumes'),
	...f('o', '.State', '.Config', '.HostConfig', '.NetworkSettings', '.GraphDriver', '.State.Health', '.HostConfig.RestartPolicy', '.HostConfig.LogConfig', '.Config.Healthcheck',
		'.NetworkSettings.Networks.bridge', '.NetworkSettings.Networks.none'),
	...f('x', '.Nope', '.State.Nope', '.Config.Healthcheck.Interval', '.Config.Healthcheck.Interval.Seconds', '.HostConfig.MemorySwappiness', '.HostConfig.PidsLimit',
		'.HostConfig.Init', '.ImageManifestDescriptor', '.Config.StopTimeout', '.HostConfig.Resources', '.NetworkSettings.Networks.none.IPAMConfig', '.Mounts.Nope', '.Name.Nope'),
];

const CONTEXT_FIELDS: Field[] = [
	...f('s', '.Name', '.Description', '.DockerEndpoint', '.Error'),
	...f('b', '.Current'),
	...f('x', '.MarshalJSON', '.FullHeader', '.Header', '.KubernetesEndpoint', '.Nope', '.c', '.Name.Nope'),
];

// formatter.volumeContext (volume ls) and volume.Volume (volume inspect, typed then raw).
const VOLUME_LS_FIELDS: Field[] = [
	...f('s', '.Name', '.Driver', '.Scope', '.Mountpoint', '.Labels', '.Links', '.Size', '.Group', '.Availability', '.Status'),
	...f('x', '.MarshalJSON', '.FullHeader', '.Header', '.v', '.v.Labels', '.v.Options', '.v.UsageData', '.ID', '.Nope', '.Name.Nope'),
	{path: '.Label', kind: 's', arg: '"imgscope.test"'},
	{path: '.Label', kind: 's', arg: '"nope"'},
];
const VOLUME_INSPECT_FIELDS: Field[] = [
	...f('s', '.Name', '.Driver', '.Mountpoint', '.CreatedAt', '.Scope', '.Labels.imgscope.test', '.Options.type', '.Options.device'),
	...f('m', '.Labels', '.Options', '.Status'),
	...f('x', '.UsageData', '.UsageData.Size', '.UsageData.RefCount', '.ClusterVolume', '.ClusterVolume.Spec', '.Nope', '.Labels.nope', '.Name.Nope'),
];

// formatter.diskUsageContext: the summary rows, and -v's sections.
const DF_FIELDS: Field[] = [
	...f('s', '.Type', '.TotalCount', '.Active', '.Size', '.Reclaimable'),
	...f('x', '.MarshalJSON', '.FullHeader', '.Header', '.Images', '.Containers', '.Volumes', '.BuildCache', '.Verbose', '.LayersSize', '.Nope', '.Type.Nope'),
];

const PS = ['-a', '--filter', `label=${FUZZ_LABEL}`];
const VS = ['--filter', `label=${FUZZ_LABEL}`];

export const COMMANDS: FuzzCommand[] = [
	{
		name: 'inspect',
		style: 'inspect',
		docker: (format, flags, targets) => ['image', 'inspect', ...flags, '--format', format, ...targets],
		imgscope: (format, flags, targets) => ['inspect', ...flags, '--format', format, ...targets],
		targets: [[APP], [BASE], [HOSTILE], [COMMITTED], [ZERO], [DANGLING], [APP, BASE], [BASE, APP], [HOSTILE, ZERO, COMMITTED], [APP, 'nope', BASE]],
		flags: [[]],
		fields: INSPECT_FIELDS,
	},
	{
		name: 'ls',
		style: 'list',
		docker: (format, flags, targets) => ['image', 'ls', ...flags, '--format', format, ...targets],
		imgscope: (format, flags, targets) => ['ls', ...flags, '--format', format, ...targets],
		// One reference each: the rows' order is then docker's own, not the daemon's.
		targets: [['fixture/app'], [BASE], [HOSTILE], [ZERO], [COMMITTED], ['nope']],
		flags: [[], [], ['--no-trunc'], ['--digests'], ['-q'], ['-a'], ['--digests', '--no-trunc']],
		fields: LS_FIELDS,
	},
	{
		name: 'history',
		style: 'list',
		docker: (format, flags, targets) => ['history', ...flags, '--format', format, ...targets],
		imgscope: (format, flags, targets) => ['history', ...flags, '--format', format, ...targets],
		targets: [[APP], [BASE], [HOSTILE], [COMMITTED], [ZERO]],
		flags: [[], [], ['--no-trunc'], ['--human=false'], ['-q'], ['--no-trunc', '--human=false']],
		fields: HISTORY_FIELDS,
	},
	{
		name: 'ps',
		style: 'list',
		docker: (format, flags) => ['ps', ...PS, ...flags, '--format', format],
		imgscope: (format, flags) => ['ps', ...PS, ...flags, '--format', format],
		targets: [[]],
		flags: [[], [], ['--no-trunc'], ['-s'], ['-q'], ['-n', '1'], ['-l', '--no-trunc']],
		fields: PS_FIELDS,
	},
	{
		name: 'container inspect',
		style: 'inspect',
		docker: (format, flags, targets) => ['container', 'inspect', ...flags, '--format', format, ...targets],
		imgscope: (format, flags, targets) => ['container', 'inspect', ...flags, '--format', format, ...targets],
		targets: [[CONTAINERS[0]!], [CONTAINERS[1]!], [CONTAINERS[1]!, CONTAINERS[0]!], [CONTAINERS[0]!, 'nope']],
		flags: [[], [], ['-s']],
		fields: CONTAINER_INSPECT_FIELDS,
	},
	{
		name: 'context ls',
		style: 'list',
		docker: (format, flags) => ['context', 'ls', ...flags, '--format', format],
		imgscope: (format, flags) => ['context', 'ls', ...flags, '--format', format],
		targets: [[]],
		flags: [[], [], ['-q']],
		fields: CONTEXT_FIELDS,
		env: 'contexts',
	},
	{
		name: 'volume ls',
		style: 'list',
		docker: (format, flags) => ['volume', 'ls', ...VS, ...flags, '--format', format],
		imgscope: (format, flags) => ['volume', 'ls', ...VS, ...flags, '--format', format],
		targets: [[]],
		flags: [[], [], ['-q']],
		fields: VOLUME_LS_FIELDS,
	},
	{
		name: 'volume inspect',
		style: 'inspect',
		docker: (format, flags, targets) => ['volume', 'inspect', ...flags, '--format', format, ...targets],
		imgscope: (format, flags, targets) => ['volume', 'inspect', ...flags, '--format', format, ...targets],
		targets: [[VOLUMES[0]!], [VOLUMES[1]!], [VOLUMES[1]!, VOLUMES[0]!], [VOLUMES[0]!, 'nope']],
		flags: [[]],
		fields: VOLUME_INSPECT_FIELDS,
	},
	{
		name: 'df',
		style: 'list',
		docker: (format, flags) => ['system', 'df', ...flags, '--format', format],
		imgscope: (format, flags) => ['df', ...flags, '--format', format],
		targets: [[]],
		flags: [[], [], ['-v']],
		fields: DF_FIELDS,
		env: 'daemon',
		exclusive: true,
	},
];

export const commandNamed = (name: string): FuzzCommand => {
	const c = COMMANDS.find(x => x.name === name);
	if (!c) throw new Error(`fuzz: no command ${name} (have ${COMMANDS.map(x => x.name).join(', ')})`);
	return c;
};
