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
});
