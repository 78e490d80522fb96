import { createHash } from 'node:crypto';

/**
 * The Merkle Tree Hash of RFC 6962 §2.1 (Certificate Transparency), with SHA-256:
 *
 *   MTH({})       = SHA-256()                                   (no leaves)
 *   MTH({d0})     = SHA-256(0x00 || d0)                         (a leaf)
 *   MTH(D[0:n])   = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])) (k: the largest power of two < n)
 *
 * The 0x00 / 0x01 prefixes keep a leaf from ever being taken for an inner node. Hand-written on purpose:
 * it is the standard construction, short, and an auditor can recompute it with any SHA-256 tool.
 */
export function merkleTreeHash(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return sha256();
  return subtree(leaves.map(leafHash), 0, leaves.length);
}

/** SHA-256(0x00 || leaf). */
export function leafHash(leaf: Buffer): Buffer {
  return sha256(Buffer.from([0x00]), leaf);
}

/** SHA-256(0x01 || left || right). */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return sha256(Buffer.from([0x01]), left, right);
}

function subtree(hashes: readonly Buffer[], from: number, to: number): Buffer {
  const n = to - from;
  if (n === 1) return hashes[from];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return nodeHash(subtree(hashes, from, from + k), subtree(hashes, from + k, to));
}

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}
