import { packageOf, profileWindow } from '../src/cpu-profile-window';

const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });

/** A profile of three stacks under (root): idle, pino writing through Node's stream code, and the store's read. */
const profile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 5] },
    { id: 2, callFrame: frame('(idle)') },
    { id: 3, callFrame: frame('write', '/x/node_modules/pino/lib/proto.js'), children: [4] },
    { id: 4, callFrame: frame('writeOrBuffer', 'node:internal/streams/writable') },
    {
      id: 5,
      callFrame: frame('readStreamFrom', '/x/dist/libs/event-store/src/sqlite/sqlite-event-store.js'),
      children: [6],
    },
    { id: 6, callFrame: frame('all') },
  ],
  startTime: 1_000,
  endTime: 2_000,
  // at 1,100 / 1,200 / … : idle, pino, store, pino, idle (the last outside the window)
  samples: [2, 4, 6, 4, 2],
  timeDeltas: [100, 100, 100, 100, 500],
};

describe('cpu-profile-window', () => {
  it('names the package of a file: npm packages (scoped too), Node, and the repository by folder', () => {
    expect(packageOf('/a/node_modules/@nestjs/core/router/x.js')).toBe('@nestjs/core');
    expect(packageOf('/a/node_modules/express/node_modules/debug/x.js')).toBe('debug');
    expect(packageOf('node:internal/streams/writable')).toBe('node (internals)');
    expect(packageOf('/w/dist/libs/event-store/src/sqlite/store.js')).toBe('libs/event-store/sqlite');
    expect(packageOf('/w/dist/apps/api/src/main.js')).toBe('apps/api');
  });

  it('counts only the samples inside the window, self and inclusive, with Node charged to its caller', () => {
    const view = profileWindow(profile, 1_100, 1_400);
    expect(view).toMatchObject({ samples: 4, idle: 1, busy: 3, sampleMicros: 75 });
    expect(view.selfByPackage).toEqual(
      new Map([
        ['node (internals)', 2],
        ['libs/event-store/sqlite', 1],
      ]),
    );
    expect(view.selfByCallingPackage).toEqual(
      new Map([
        ['pino', 2],
        ['libs/event-store/sqlite', 1],
      ]),
    );
    expect(view.inclusiveByPackage.get('pino')).toBe(2);
    expect(view.inclusiveByPackage.get('node (internals)')).toBe(2);
    expect(view.selfByFunction.get('all (native)')).toBe(1);
  });
});
