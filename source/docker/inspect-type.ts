// docker v28's image.InspectResponse (github.com/docker/docker api/types/image)
// as a Go type description, so the first pass of `docker image inspect --format`
// sees what the real client sees: Go field order and names (ID, not Id), int64
// vs string, pointers that print as addresses when nested, nil slices that print
// `[]`, omitempty for {{json}}, time.Time and time.Duration printing, and the
// fields a 20.10 daemon sends but the v28 struct drops (Config.Hostname...).
import type {GoType, StructField} from '../template/index.js';
import {T, durationType, mapOf, ptrTo, sliceOf, timeType, unbox, type GoValue} from '../template/index.js';
import {decodeJSON} from '../template/index.js';
import {unmarshal} from './unmarshal.js';

/** A struct field; json = tag name, omit = omitempty. */
export function field(name: string, type: GoType, json?: string, omit = false): StructField {
	return {name, type, json, omitEmpty: omit};
}
/** A field with `json:",omitempty"` (Go's name kept). */
export const omit = (name: string, type: GoType): StructField => field(name, type, undefined, true);
export const embed = (type: GoType): StructField => ({name: type.name!.replace(/^.*\./, ''), type, embedded: true});
export const struct = (name: string, fields: StructField[]): GoType => ({kind: 'struct', name, fields});
/** An unnamed struct type (prints as `struct { ... }` in %T). */
const anon = (fields: StructField[]): GoType => ({kind: 'struct', fields});

const emptyStruct: GoType = {kind: 'struct', fields: []};
const strMap = mapOf(T.string, T.string);
const strSet = mapOf(T.string, emptyStruct);
const strs = sliceOf(T.string);
const bytes = sliceOf(T.uint8);
const digestType: GoType = {kind: 'string', name: 'digest.Digest'};

// github.com/docker/go-connections/nat and docker's strslice.
const natPort: GoType = {kind: 'string', name: 'nat.Port'};
const portSet: GoType = {kind: 'map', name: 'nat.PortSet', key: natPort, elem: emptyStruct};
export const strSlice: GoType = {kind: 'slice', name: 'strslice.StrSlice', elem: T.string};

// github.com/moby/docker-image-spec specs-go/v1; container.HealthConfig is an alias of it.
export const healthcheckType = struct('v1.HealthcheckConfig', [
	omit('Test', strs),
	omit('Interval', durationType),
	omit('Timeout', durationType),
	omit('StartPeriod', durationType),
	omit('StartInterval', durationType),
	omit('Retries', T.int),
]);

// github.com/opencontainers/image-spec specs-go/v1 ImageConfig (every tag has omitempty).
const imageConfig = struct('v1.ImageConfig', [
	field('User', T.string, 'User', true),
	field('ExposedPorts', strSet, 'ExposedPorts', true),
	field('Env', strs, 'Env', true),
	field('Entrypoint', strs, 'Entrypoint', true),
	field('Cmd', strs, 'Cmd', true),
	field('Volumes', strSet, 'Volumes', true),
	field('WorkingDir', T.string, 'WorkingDir', true),
	field('Labels', strMap, 'Labels', true),
	field('StopSignal', T.string, 'StopSignal', true),
	field('ArgsEscaped', T.bool, 'ArgsEscaped', true),
]);

const configExt = struct('v1.DockerOCIImageConfigExt', [
	omit('Healthcheck', ptrTo(healthcheckType)),
	omit('OnBuild', strs),
	omit('Shell', strs),
]);

export const dockerOCIImageConfig = struct('v1.DockerOCIImageConfig', [embed(imageConfig), embed(configExt)]);

// api/types/container.Config (the deprecated ContainerConfig field uses it).
export const containerConfig = struct('container.Config', [
	field('Hostname', T.string),
	field('Domainname', T.string),
	field('User', T.string),
	field('AttachStdin', T.bool),
	field('AttachStdout', T.bool),
	field('AttachStderr', T.bool),
	omit('ExposedPorts', portSet),
	field('Tty', T.bool),
	field('OpenStdin', T.bool),
	field('StdinOnce', T.bool),
	field('Env', strs),
	field('Cmd', strSlice),
	omit('Healthcheck', ptrTo(healthcheckType)),
	omit('ArgsEscaped', T.bool),
	field('Image', T.string),
	field('Volumes', strSet),
	field('WorkingDir', T.string),
	field('Entrypoint', strSlice),
	omit('NetworkDisabled', T.bool),
	omit('MacAddress', T.string),
	field('OnBuild', strs),
	field('Labels', strMap),
	omit('StopSignal', T.string),
	omit('StopTimeout', ptrTo(T.int)),
	omit('Shell', strSlice),
]);

const driverData = struct('storage.DriverData', [field('Data', strMap, 'Data'), field('Name', T.string, 'Name')]);
const rootFS = struct('image.RootFS', [omit('Type', T.string), omit('Layers', strs)]);
const metadata = struct('image.Metadata', [omit('LastTagTime', timeType)]);

export const platformType = struct('v1.Platform', [
	field('Architecture', T.string, 'architecture'),
	field('OS', T.string, 'os'),
	field('OSVersion', T.string, 'os.version', true),
	field('OSFeatures', strs, 'os.features', true),
	field('Variant', T.string, 'variant', true),
]);

export const descriptorType = struct('v1.Descriptor', [
	field('MediaType', T.string, 'mediaType'),
	field('Digest', digestType, 'digest'),
	field('Size', T.int64, 'size'),
	field('URLs', strs, 'urls', true),
	field('Annotations', strMap, 'annotations', true),
	field('Data', bytes, 'data', true),
	field('Platform', ptrTo(platformType), 'platform', true),
	field('ArtifactType', T.string, 'artifactType', true),
]);

// Only a daemon with the containerd image store fills these (never a 20.10 one).
const imageProperties = struct('image.ImageProperties', [
	field('Platform', platformType, 'Platform'),
	field('Size', anon([field('Unpacked', T.int64, 'Unpacked')]), 'Size'),
	field('Containers', strs, 'Containers'),
]);
const attestationProperties = struct('image.AttestationProperties', [field('For', digestType, 'For')]);
const manifestSummary = struct('image.ManifestSummary', [
	field('ID', T.string, 'ID'),
	field('Descriptor', descriptorType, 'Descriptor'),
	field('Available', T.bool, 'Available'),
	field('Size', anon([field('Total', T.int64, 'Total'), field('Content', T.int64, 'Content')]), 'Size'),
	field('Kind', {kind: 'string', name: 'image.ManifestKind'}, 'Kind'),
	field('ImageData', ptrTo(imageProperties), 'ImageData', true),
	field('AttestationData', ptrTo(attestationProperties), 'AttestationData', true),
]);
export const manifestsType = sliceOf(manifestSummary);

/** image.InspectResponse, field for field, in declaration order. */
export const inspectResponseType = struct('image.InspectResponse', [
	field('ID', T.string, 'Id'),
	field('RepoTags', strs),
	field('RepoDigests', strs),
	field('Parent', T.string),
	field('Comment', T.string),
	omit('Created', T.string),
	omit('Container', T.string),
	omit('ContainerConfig', ptrTo(containerConfig)),
	field('DockerVersion', T.string),
	field('Author', T.string),
	field('Config', ptrTo(dockerOCIImageConfig)),
	field('Architecture', T.string),
	omit('Variant', T.string),
	field('Os', T.string),
	omit('OsVersion', T.string),
	field('Size', T.int64),
	field('VirtualSize', T.int64, 'VirtualSize', true),
	field('GraphDriver', driverData),
	field('RootFS', rootFS),
	field('Metadata', metadata),
	field('Descriptor', ptrTo(descriptorType), 'Descriptor', true),
	field('Manifests', manifestsType, 'Manifests', true),
]);

/** The daemon's inspect JSON as docker's client unmarshals it into image.InspectResponse. */
export function typedInspect(raw: string | GoValue): GoValue {
	const json = typeof raw === 'string' ? decodeJSON(raw) : raw;
	return unmarshal(inspectResponseType, unbox(json));
}
