// zh-CN strings of the wide tables' scrolling boxes (TableScroll): a module of its own, so the player's
// first load, which shows no table, does not carry them.

/** A wide table's own scrolling box, named after the table. */
export const tableRegion = (name: string) => `${name}（表格，可左右滑动）`;
