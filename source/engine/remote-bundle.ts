/** The entry of dist/remote.cjs (scripts/build.mjs): what remote-modules.ts loads in the build. */
import Docker from 'dockerode';
import * as ssh2 from 'ssh2';

export {Docker as dockerode, ssh2};
