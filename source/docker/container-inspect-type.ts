// docker v28's container.InspectResponse (github.com/docker/docker
// api/types/container, as vendored by docker/cli v28.2.2) as a Go type
// description, for the typed first pass of `docker container inspect --format`:
// field order, names and json tags, omitempty, int vs string, pointers (an
// embedded *ContainerJSONBase, *State, *HostConfig...), named string types,
// nat.PortMap, strslice, [2]uint and the fields a 20.10 daemon sends that the
// struct lacks (dropped by the decode, as docker's client drops them).
import type {GoType, GoValue} from '../template/index.js';
import {T, decodeJSON, mapOf, ptrTo, sliceOf, timeType, unbox} from '../template/index.js';
import {containerConfig, descriptorType, embed, field, omit, strSlice, struct} from './inspect-type.js';
import {unmarshal} from './unmarshal.js';

const named = (name: string): GoType => ({kind: 'string', name});
const strs = sliceOf(T.string);
const strMap = mapOf(T.string, T.string);

// github.com/docker/go-connections/nat
const natPort = named('nat.Port');
const portBinding = struct('nat.PortBinding', [field('HostIP', T.string, 'HostIp'), field('HostPort', T.string)]);
export const portMapType: GoType = {kind: 'map', name: 'nat.PortMap', key: natPort, elem: sliceOf(portBinding)};

// os.FileMode prints through its String method: type letters, then rwx bits.
const fileMode: GoType = {
	kind: 'uint32',
	name: 'fs.FileMode',
	methods: {
		String: {
			result: T.string,
			call: recv => {
				const m = Number(recv.v as bigint);
				let out = '';
				[...'dalTLDpSugct?'].forEach((c, i) => {
					if ((m >>> (31 - i)) & 1) out += c;
				});
				if (out === '') out = '-';
				[...'rwxrwxrwx'].forEach((c, i) => (out += (m >>> (8 - i)) & 1 ? c : '-'));
				return {type: T.string, v: out};
			},
		},
	},
};

// api/types/mount
const propagation = named('mount.Propagation');
export const mountPointType = struct('container.MountPoint', [
	omit('Type', named('mount.Type')),
	omit('Name', T.string),
	field('Source', T.string),
	field('Destination', T.string),
	omit('Driver', T.string),
	field('Mode', T.string),
	field('RW', T.bool),
	field('Propagation', propagation),
]);
const mountDriver = struct('mount.Driver', [omit('Name', T.string), omit('Options', strMap)]);
const mountType = struct('mount.Mount', [
	omit('Type', named('mount.Type')),
	omit('Source', T.string),
	omit('Target', T.string),
	omit('ReadOnly', T.bool),
	omit('Consistency', named('mount.Consistency')),
	omit(
		'BindOptions',
		ptrTo(
			struct('mount.BindOptions', [
				omit('Propagation', propagation),
				omit('NonRecursive', T.bool),
				omit('CreateMountpoint', T.bool),
				omit('ReadOnlyNonRecursive', T.bool),
				omit('ReadOnlyForceRecursive', T.bool),
			]),
		),
	),
	omit(
		'VolumeOptions',
		ptrTo(struct('mount.VolumeOptions', [omit('NoCopy', T.bool), omit('Labels', strMap), omit('Subpath', T.string), omit('DriverConfig', ptrTo(mountDriver))])),
	),
	omit('ImageOptions', ptrTo(struct('mount.ImageOptions', [omit('Subpath', T.string)]))),
	omit(
		'TmpfsOptions',
		ptrTo(struct('mount.TmpfsOptions', [omit('SizeBytes', T.int64), omit('Mode', fileMode), omit('Options', sliceOf(strs))])),
	),
	omit('ClusterOptions', ptrTo(struct('mount.ClusterOptions', []))),
]);

// api/types/container hostconfig.go
const weightDevice = struct('blkiodev.WeightDevice', [field('Path', T.string), field('Weight', T.uint16)]);
const throttleDevice = struct('blkiodev.ThrottleDevice', [field('Path', T.string), field('Rate', T.uint64)]);
const throttles = sliceOf(ptrTo(throttleDevice));
const ulimit = struct('units.Ulimit', [field('Name', T.string), field('Hard', T.int64), field('Soft', T.int64)]);
const resources = struct('container.Resources', [
	field('CPUShares', T.int64, 'CpuShares'),
	field('Memory', T.int64),
	field('NanoCPUs', T.int64, 'NanoCpus'),
	field('CgroupParent', T.string),
	field('BlkioWeight', T.uint16),
	field('BlkioWeightDevice', sliceOf(ptrTo(weightDevice))),
	field('BlkioDeviceReadBps', throttles),
	field('BlkioDeviceWriteBps', throttles),
	field('BlkioDeviceReadIOps', throttles),
	field('BlkioDeviceWriteIOps', throttles),
	field('CPUPeriod', T.int64, 'CpuPeriod'),
	field('CPUQuota', T.int64, 'CpuQuota'),
	field('CPURealtimePeriod', T.int64, 'CpuRealtimePeriod'),
	field('CPURealtimeRuntime', T.int64, 'CpuRealtimeRuntime'),
	field('CpusetCpus', T.string),
	field('CpusetMems', T.string),
	field('Devices', sliceOf(struct('container.DeviceMapping', [field('PathOnHost', T.string), field('PathInContainer', T.string), field('CgroupPermissions', T.string)]))),
	field('DeviceCgroupRules', strs),
	field(
		'DeviceRequests',
		sliceOf(
			struct('container.DeviceRequest', [
				field('Driver', T.string),
				field('Count', T.int),
				field('DeviceIDs', strs),
				field('Capabilities', sliceOf(strs)),
				field('Options', strMap),
			]),
		),
	),
	omit('KernelMemory', T.int64),
	omit('KernelMemoryTCP', T.int64),
	field('MemoryReservation', T.int64),
	field('MemorySwap', T.int64),
	field('MemorySwappiness', ptrTo(T.int64)),
	field('OomKillDisable', ptrTo(T.bool)),
	field('PidsLimit', ptrTo(T.int64)),
	field('Ulimits', sliceOf(ptrTo(ulimit))),
	field('CPUCount', T.int64, 'CpuCount'),
	field('CPUPercent', T.int64, 'CpuPercent'),
	field('IOMaximumIOps', T.uint64),
	field('IOMaximumBandwidth', T.uint64),
]);

export const hostConfigType = struct('container.HostConfig', [
	field('Binds', strs),
	field('ContainerIDFile', T.string),
	field('LogConfig', struct('container.LogConfig', [field('Type', T.string), field('Config', strMap)])),
	field('NetworkMode', named('container.NetworkMode')),
	field('PortBindings', portMapType),
	field('RestartPolicy', struct('container.RestartPolicy', [field('Name', named('container.RestartPolicyMode')), field('MaximumRetryCount', T.int)])),
	field('AutoRemove', T.bool),
	field('VolumeDriver', T.string),
	field('VolumesFrom', strs),
	field('ConsoleSize', {kind: 'array', elem: T.uint, len: 2}),
	omit('Annotations', strMap),
	field('CapAdd', strSlice),
	field('CapDrop', strSlice),
	field('CgroupnsMode', named('container.CgroupnsMode')),
	field('DNS', strs, 'Dns'),
	field('DNSOptions', strs, 'DnsOptions'),
	field('DNSSearch', strs, 'DnsSearch'),
	field('ExtraHosts', strs),
	field('GroupAdd', strs),
	field('IpcMode', named('container.IpcMode')),
	field('Cgroup', named('container.CgroupSpec')),
	field('Links', strs),
	field('OomScoreAdj', T.int),
	field('PidMode', named('container.PidMode')),
	field('Privileged', T.bool),
	field('PublishAllPorts', T.bool),
	field('ReadonlyRootfs', T.bool),
	field('SecurityOpt', strs),
	omit('StorageOpt', strMap),
	omit('Tmpfs', strMap),
	field('UTSMode', named('container.UTSMode')),
	field('UsernsMode', named('container.UsernsMode')),
	field('ShmSize', T.int64),
	omit('Sysctls', strMap),
	omit('Runtime', T.string),
	field('Isolation', named('container.Isolation')),
	embed(resources),
	omit('Mounts', sliceOf(mountType)),
	field('MaskedPaths', strs),
	field('ReadonlyPaths', strs),
	omit('Init', ptrTo(T.bool)),
]);

// state.go, health.go (ContainerState and HealthStatus are aliases of string)
const healthcheckResult = struct('container.HealthcheckResult', [field('Start', timeType), field('End', timeType), field('ExitCode', T.int), field('Output', T.string)]);
const health = struct('container.Health', [field('Status', T.string), field('FailingStreak', T.int), field('Log', sliceOf(ptrTo(healthcheckResult)))]);
export const stateType = struct('container.State', [
	field('Status', T.string),
	field('Running', T.bool),
	field('Paused', T.bool),
	field('Restarting', T.bool),
	field('OOMKilled', T.bool),
	field('Dead', T.bool),
	field('Pid', T.int),
	field('ExitCode', T.int),
	field('Error', T.string),
	field('StartedAt', T.string),
	field('FinishedAt', T.string),
	omit('Health', ptrTo(health)),
]);

// api/types/network endpoint.go
const ipamConfig = struct('network.EndpointIPAMConfig', [omit('IPv4Address', T.string), omit('IPv6Address', T.string), omit('LinkLocalIPs', strs)]);
export const endpointSettingsType = struct('network.EndpointSettings', [
	field('IPAMConfig', ptrTo(ipamConfig)),
	field('Links', strs),
	field('Aliases', strs),
	field('MacAddress', T.string),
	field('DriverOpts', strMap),
	field('GwPriority', T.int),
	field('NetworkID', T.string),
	field('EndpointID', T.string),
	field('Gateway', T.string),
	field('IPAddress', T.string),
	field('IPPrefixLen', T.int),
	field('IPv6Gateway', T.string),
	field('GlobalIPv6Address', T.string),
	field('GlobalIPv6PrefixLen', T.int),
	field('DNSNames', strs),
]);
export const endpointsType = mapOf(T.string, ptrTo(endpointSettingsType));

const address = struct('network.Address', [field('Addr', T.string), field('PrefixLen', T.int)]);
const networkSettingsBase = struct('container.NetworkSettingsBase', [
	field('Bridge', T.string),
	field('SandboxID', T.string),
	field('SandboxKey', T.string),
	field('Ports', portMapType),
	field('HairpinMode', T.bool),
	field('LinkLocalIPv6Address', T.string),
	field('LinkLocalIPv6PrefixLen', T.int),
	field('SecondaryIPAddresses', sliceOf(address)),
	field('SecondaryIPv6Addresses', sliceOf(address)),
]);
const defaultNetworkSettings = struct('container.DefaultNetworkSettings', [
	field('EndpointID', T.string),
	field('Gateway', T.string),
	field('GlobalIPv6Address', T.string),
	field('GlobalIPv6PrefixLen', T.int),
	field('IPAddress', T.string),
	field('IPPrefixLen', T.int),
	field('IPv6Gateway', T.string),
	field('MacAddress', T.string),
]);
const networkSettings = struct('container.NetworkSettings', [embed(networkSettingsBase), embed(defaultNetworkSettings), field('Networks', endpointsType)]);

const driverData = struct('storage.DriverData', [field('Data', strMap, 'Data'), field('Name', T.string, 'Name')]);

const containerJSONBase = struct('container.ContainerJSONBase', [
	field('ID', T.string, 'Id'),
	field('Created', T.string),
	field('Path', T.string),
	field('Args', strs),
	field('State', ptrTo(stateType)),
	field('Image', T.string),
	field('ResolvConfPath', T.string),
	field('HostnamePath', T.string),
	field('HostsPath', T.string),
	field('LogPath', T.string),
	field('Name', T.string),
	field('RestartCount', T.int),
	field('Driver', T.string),
	field('Platform', T.string),
	field('MountLabel', T.string),
	field('ProcessLabel', T.string),
	field('AppArmorProfile', T.string),
	field('ExecIDs', strs),
	field('HostConfig', ptrTo(hostConfigType)),
	field('GraphDriver', driverData),
	omit('SizeRw', ptrTo(T.int64)),
	omit('SizeRootFs', ptrTo(T.int64)),
]);

/** container.InspectResponse, field for field, in declaration order. */
export const containerInspectType = struct('container.InspectResponse', [
	{name: 'ContainerJSONBase', type: ptrTo(containerJSONBase), embedded: true},
	field('Mounts', sliceOf(mountPointType)),
	field('Config', ptrTo(containerConfig)),
	field('NetworkSettings', ptrTo(networkSettings)),
	field('ImageManifestDescriptor', ptrTo(descriptorType), 'ImageManifestDescriptor', true),
]);

/** The daemon's container inspect JSON as docker's client unmarshals it into container.InspectResponse. */
export function typedContainerInspect(raw: string | GoValue): GoValue {
	const json = typeof raw === 'string' ? decodeJSON(raw) : raw;
	return unmarshal(containerInspectType, unbox(json));
}
