export class GetInterventionValueQuery {
  constructor(readonly interventionId: string) {}
}
