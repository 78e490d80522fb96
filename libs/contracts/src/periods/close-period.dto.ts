import { TextField } from '../http-validation/fields';

/** The scope of a close follows the token (an admin closes the system, finance its organisation); a note is optional. */
export class ClosePeriodDto {
  @TextField({ optional: true, max: 2000, example: 'Accounts for 2019/20 signed off by the audit committee' })
  note?: string;
}
