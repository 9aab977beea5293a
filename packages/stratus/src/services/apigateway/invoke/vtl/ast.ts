/** The parts of Velocity (VTL) that API Gateway mapping templates use, as a tree. */
export type Segment =
  | { readonly kind: 'prop'; readonly name: string }
  | { readonly kind: 'call'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly kind: 'index'; readonly index: Expr };

/** `$name.segment(...)[i]…` */
export interface Reference {
  readonly kind: 'ref';
  readonly name: string;
  readonly chain: readonly Segment[];
}

export type Expr =
  | Reference
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'list'; readonly items: readonly Expr[] }
  | { readonly kind: 'not'; readonly operand: Expr }
  | { readonly kind: 'binary'; readonly op: string; readonly left: Expr; readonly right: Expr };

export type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'output'; readonly ref: Reference; readonly quiet: boolean; readonly source: string }
  | { readonly kind: 'set'; readonly target: Reference; readonly value: Expr }
  | {
      readonly kind: 'if';
      readonly branches: ReadonlyArray<{ readonly condition: Expr; readonly body: readonly Node[] }>;
      readonly otherwise: readonly Node[];
    }
  | {
      readonly kind: 'foreach';
      readonly variable: string;
      readonly items: Expr;
      readonly body: readonly Node[];
    };
