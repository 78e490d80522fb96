export class GetInterventionQuery {
  constructor(readonly interventionId: string) {}
}
