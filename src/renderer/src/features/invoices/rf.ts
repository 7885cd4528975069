/** ISO 11649 references are printed in groups of four (domain-research 8.10): 'RF18 5390 0754 7034'. */
export const groupRf = (rf: string): string => rf.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ')
