/** A list's title line, shared by the App and the first frame drawn before ink (ui/preframe.ts). */
import type {ListState} from './list-state.js';
import type {AnySpec} from './spec.js';

/** The list's title: "Images (3 of 15)  sort: created ↓". */
export function listTitle(spec: AnySpec, list: ListState<unknown>, extra?: string): string {
	const count = list.filter ? `${list.visible.length} of ${list.rows.length}` : String(list.rows.length);
	const sort = spec.sorts.length > 1 ? `  sort: ${spec.sorts[list.sort]?.label ?? ''}` : '';
	return `${spec.title} (${count})${sort}${extra ? `  ${extra}` : ''}`;
}
