import { OutboundMessage } from '../ports/message-producer.port';

/** Headers every public message carries: which contract and version its JSON value follows. */
export const CONTRACT_HEADERS = {
  contract: 'contract',
  contractVersion: 'contract-version',
  contentType: 'content-type',
} as const;

/** A JSON message under a public contract, with its own headers plus the contract's. */
export function contractMessage(
  contract: { name: string; version: number },
  key: string,
  value: object,
  headers: Record<string, string>,
): OutboundMessage {
  return {
    key,
    value: JSON.stringify(value),
    headers: {
      ...headers,
      [CONTRACT_HEADERS.contract]: contract.name,
      [CONTRACT_HEADERS.contractVersion]: String(contract.version),
      [CONTRACT_HEADERS.contentType]: 'application/json',
    },
  };
}
