import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { leafHash, merkleTreeHash, nodeHash, sealLeaf, sealOf, sealRoot } from '../src';

/**
 * The Certificate Transparency reference vectors for RFC 6962 §2.1 (certificate-transparency merkle_tree_test):
 * the Merkle Tree Hash of the first n of eight fixed leaves, for n = 0..8.
 */
const CT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((h) => Buffer.from(h, 'hex'));
const CT_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('the RFC 6962 Merkle Tree Hash', () => {
  it('gives the Certificate Transparency reference roots for 0 to 8 leaves', () => {
    CT_ROOTS.forEach((root, n) => expect(merkleTreeHash(CT_LEAVES.slice(0, n)).toString('hex')).toBe(root));
  });

  it('prefixes leaves with 0x00 and nodes with 0x01, so a leaf can never pass for a node', () => {
    const [a, b] = [Buffer.from('a'), Buffer.from('b')];
    const sha = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest();
    expect(leafHash(a)).toEqual(sha(Buffer.from([0]), a));
    expect(merkleTreeHash([a, b])).toEqual(sha(Buffer.from([1]), leafHash(a), leafHash(b)));
    // the two-leaf root is not the hash of one leaf made of the two leaf hashes
    expect(merkleTreeHash([a, b])).not.toEqual(merkleTreeHash([Buffer.concat([leafHash(a), leafHash(b)])]));
    expect(nodeHash(leafHash(a), leafHash(b))).toEqual(merkleTreeHash([a, b]));
  });

  it('changes whenever any leaf changes, is added, removed or moved', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        fc.uint8Array({ minLength: 1, maxLength: 8 }),
        (raw, at, other) => {
          const leaves = raw.map((l) => Buffer.from(l));
          const root = merkleTreeHash(leaves).toString('hex');
          const i = at % leaves.length;
          const changed = [...leaves];
          changed[i] = Buffer.concat([leaves[i], Buffer.from(other)]);
          expect(merkleTreeHash(changed).toString('hex')).not.toBe(root);
          expect(merkleTreeHash([...leaves, Buffer.from(other)]).toString('hex')).not.toBe(root);
          if (leaves.length > 1) expect(merkleTreeHash(leaves.slice(1)).toString('hex')).not.toBe(root);
          const j = (i + 1) % leaves.length;
          if (!leaves[i].equals(leaves[j])) {
            const swapped = [...leaves];
            [swapped[i], swapped[j]] = [swapped[j], swapped[i]];
            expect(merkleTreeHash(swapped).toString('hex')).not.toBe(root);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('a seal over stream heads', () => {
  const head = (streamId: string, revision: number) => ({
    streamId,
    revision,
    hash: createHash('sha256').update(`${streamId}@${revision}`).digest('hex'),
  });

  it('makes each leaf the RFC 8785 canonical JSON of {streamId, revision, hash}', () => {
    expect(sealLeaf({ streamId: 's-1', revision: 3, hash: 'ab' }).toString('utf8')).toBe(
      '{"hash":"ab","revision":3,"streamId":"s-1"}',
    );
  });

  it('sorts heads by streamId, so the root does not depend on the order they were found in', () => {
    const heads = [head('partnership-p', 4), head('intervention-b', 0), head('intervention-a', 7)];
    const seal = sealOf(heads, 42);
    expect(seal.heads.map((h) => h.streamId)).toEqual(['intervention-a', 'intervention-b', 'partnership-p']);
    expect(seal).toMatchObject({ position: 42, streamCount: 3, root: sealRoot([...heads].reverse()) });
    expect(seal.root).toBe(merkleTreeHash(seal.heads.map(sealLeaf)).toString('hex'));
  });
});
