/**
 * Compile-time checks that a response class (what the OpenAPI document says an operation answers) and the type
 * the code really answers agree, so that neither can change without the other: `npm run build` fails instead.
 *
 *   type Checked = [Fits<Answer, Declared>, NoneUndeclared<Undeclared<Answer, Declared>>];
 *
 * `Fits`: every answer fits the declared class (no declared field missing, renamed, retyped or null when not
 * declared nullable). `Undeclared`: the key paths the code answers that the class does not declare; it must be
 * `never`, so a field added to an answer must be added to its class too. TypeScript names the culprit in both.
 */
export type Fits<Answer extends Declared, Declared> = Answer;

/**
 * What a write answers for its response class: the class's fields as a plain object. The class is the OpenAPI
 * schema; the answer is never an instance of it (no `instanceof`, no methods), and its type says so.
 */
export type PlainAnswer<Declared> = { [Key in keyof Declared]: Declared[Key] };

export type NoneUndeclared<Paths extends never> = Paths;

type Leaf = string | number | boolean | bigint | symbol | null | undefined;
type IsAny<T> = 0 extends 1 & T ? true : false;

/** Every key path of T (`period.asClosed.totals.flowsPence.ref`); arrays are walked into, unions distributed. */
export type KeyPaths<T> = T extends unknown
  ? IsAny<T> extends true
    ? never
    : T extends Leaf
      ? never
      : T extends readonly (infer Item)[]
        ? KeyPaths<Item>
        : { [K in keyof T & string]-?: K | `${K}.${KeyPaths<NonNullable<T[K]>>}` }[keyof T & string]
  : never;

export type Undeclared<Answer, Declared> = Exclude<KeyPaths<Answer>, KeyPaths<Declared>>;
