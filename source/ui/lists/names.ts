/**
 * The lists' names and what an action can need of the source: the words
 * every other module of the UI's model uses, declared apart from the specs
 * (lists/spec.ts) so that naming a list does not import what a list is.
 */
/**
 * Every list by the id its state and its view go by, and its row type; every list action's name.
 * Each spec file declares its own (TypeScript merges the declarations), so a new list is its spec
 * file and one line in registry.ts (lists/spec.ts says what a spec holds), which fails to type-check while a declared list has no spec:
 *
 *     declare module './names.js' {
 *         interface ListRows { volumes: VolumeRow }
 *         interface ListActionNames { createVolume: true; removeVolume: true }
 *     }
 *
 * (Inferring them from the registry's specs instead is a circular type: a spec's handlers take the
 * State and Msg that would be made from it.)
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ListRows {}
// eslint-disable-next-line @typescript-eslint/no-empty-interface
export interface ListActionNames {}
export type ListId = keyof ListRows & string;
/** The actions the lists' specs declare (keymap.ts's Action has them, with the keys that show each list: showImages...). */
export type ListActionName = keyof ListActionNames & string;

/** What an action needs of the source: a daemon (not an archive), a registry (through the daemon), an image's archive (engines export one), or a registry source (`imgscope --remote`). */
export type Capability = 'daemon' | 'registry' | 'archive' | 'remote' | 'pull';
