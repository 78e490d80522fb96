/** A page of a list: how many items there are in all, where the page starts, how many it may hold, and its items. */
export interface Page<T> {
  total: number;
  offset: number;
  limit: number;
  items: T[];
}

/** Lists default to 50 items a page and hold at most 500 (the API's lists do the same). */
export const DEFAULT_PAGE_SIZE = 50;

export function pageOf<T>(items: readonly T[], page: { offset: number; limit: number }): Page<T> {
  return {
    total: items.length,
    offset: page.offset,
    limit: page.limit,
    items: items.slice(page.offset, page.offset + page.limit),
  };
}
