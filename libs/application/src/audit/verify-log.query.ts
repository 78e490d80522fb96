export class VerifyLogQuery {
  constructor(readonly onProgress?: (eventsChecked: number) => void) {}
}
