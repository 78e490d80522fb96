/** "1 seal", "3 seals". */
export const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
