import { zhCN } from './zh-CN';

/** The active locale's strings. zh-CN is the only locale so far. */
export const t = zhCN;
