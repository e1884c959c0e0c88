/**
 * The VOLUMEs an image's config declares (Config.Volumes, from `VOLUME` in a
 * Dockerfile): each run of the image mounts a volume there, an anonymous one
 * unless the run names one. The Layers tab says so under the selected layer.
 */
import {visible} from '../text/sanitize.js';

/** The declared paths, sorted, as the engine sent them (unsanitized). */
export function declaredVolumes(inspect: unknown): string[] {
	const config = (inspect as {Config?: {Volumes?: Record<string, unknown> | null} | null} | null)?.Config;
	const volumes = config?.Volumes;
	if (!volumes || typeof volumes !== 'object') return [];
	return Object.keys(volumes).sort();
}

/** The paragraph under the Layers table ('' when the image declares none); paths made visible. */
export function declaredVolumesText(inspect: unknown): string {
	const paths = declaredVolumes(inspect);
	if (!paths.length) return '';
	return `\ndeclares VOLUME ${paths.map((p) => visible(p)).join(' ')} (each run mounts a volume there: anonymous unless named)`;
}
