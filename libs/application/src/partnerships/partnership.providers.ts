/** Partnership command and query handlers, registered by ApplicationModule. */
export const partnershipProviders: never[] = [];
