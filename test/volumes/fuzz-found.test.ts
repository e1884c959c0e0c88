// Differences the --format fuzzer (test/conformance/fuzz) found in the volume
// formatters, each as its shrunk case; the expected text is docker 28.2.2's.
import {describe, expect, it} from 'vitest';
import {renderVolumeInspect} from '../../source/docker/volume-context.js';

const raw = JSON.stringify({CreatedAt: 'c', Driver: 'local', Labels: null, Mountpoint: '/m', Name: 'n', Options: null, Scope: 'local'});

describe('found by the fuzzer', () => {
	it('volume inspect --format {{- .ClusterVolume.Spec}}: a field of the nil *volume.ClusterVolume is a nil pointer, not a missing field', () => {
		expect(renderVolumeInspect('{{- .ClusterVolume.Spec}}', [{raw}]).errors).toEqual([
			'template parsing error: template: :1:18: executing "" at <.ClusterVolume.Spec>: nil pointer evaluating *volume.ClusterVolume.Spec',
		]);
		// A name the struct lacks stays Go's "can't evaluate field".
		expect(renderVolumeInspect('{{.ClusterVolume.Nope}}', [{raw}]).errors).toEqual([
			'template parsing error: template: :1:16: executing "" at <.ClusterVolume.Nope>: can\'t evaluate field Nope in type *volume.ClusterVolume',
		]);
	});
	it('volume inspect --format {{eq $ $}}: volume.Volume holds maps, so it is a non-comparable type (reflect.Type.Comparable), not a runtime panic', () => {
		// docker volume inspect --format '{{eq $ $}}' imgscope-fuzz2-2724-v2 (seed 20261214): the typed pass's error, the value through %s.
		expect(renderVolumeInspect('{{eq $ $}}', [{raw}]).errors).toEqual([
			'template parsing error: template: :1:2: executing "" at <eq $ $>: error calling eq: non-comparable type {%!s(*volume.ClusterVolume=<nil>) c local map[] /m n map[] local map[] %!s(*volume.UsageData=<nil>)}: volume.Volume',
		]);
		// ne says the same; a comparable struct (no slice or map inside) still compares.
		expect(renderVolumeInspect('{{ne . $}}', [{raw}]).errors[0]).toContain('error calling ne: non-comparable type {');
		expect(renderVolumeInspect('{{eq .UsageData .UsageData}}', [{raw}]).errors).toEqual([]);
	});
});
