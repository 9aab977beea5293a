/**
 * What the protocols precompute from a service model, once per model object: shape lookup,
 * error shapes by wire code, and lazily built route tables and validators. Cached in a
 * WeakMap, so two instances sharing a model share the work and nothing outlives the model.
 */
import type { OperationModel, ServiceModel, Shape, ShapeRef } from './model.ts';

/** A structure's members, indexed both ways, computed once per shape object. */
export interface MemberIndex {
  readonly list: readonly (readonly [name: string, ref: ShapeRef])[];
  readonly byName: ReadonlyMap<string, ShapeRef>;
  /** By JSON key (locationName where set): what a JSON body names the member. */
  readonly byJsonKey: ReadonlyMap<string, readonly [name: string, ref: ShapeRef]>;
}

const memberIndexes = new WeakMap<Shape, MemberIndex>();

export function memberIndex(shape: Shape): MemberIndex {
  let index = memberIndexes.get(shape);
  if (!index) {
    const list = Object.entries(shape.members ?? {});
    index = {
      list,
      byName: new Map(list),
      byJsonKey: new Map(list.map(([name, ref]) => [ref.locationName ?? name, [name, ref] as const])),
    };
    memberIndexes.set(shape, index);
  }
  return index;
}

export interface ErrorShape {
  readonly name: string;
  readonly shape: Shape;
  /** The code on the wire: the shape's `error.code` where the model sets one, else its name. */
  readonly code: string;
}

export class CompiledModel {
  readonly model: ServiceModel;
  readonly #memo = new Map<string, unknown>();
  #errors: Map<string, ErrorShape> | undefined;

  constructor(model: ServiceModel) {
    this.model = model;
  }

  get protocol(): ServiceModel['metadata']['protocol'] {
    return this.model.metadata.protocol;
  }

  /** The service's id in override tables, e.g. `Lambda`, `CloudWatch Logs`, `S3`. */
  get serviceId(): string {
    return this.model.metadata.serviceId;
  }

  operation(name: string): OperationModel | undefined {
    return Object.hasOwn(this.model.operations, name) ? this.model.operations[name] : undefined;
  }

  shape(name: string): Shape {
    const shape = this.model.shapes[name];
    if (!shape) throw new Error(`${this.serviceId} model has no shape ${name}`);
    return shape;
  }

  resolve(ref: ShapeRef): Shape {
    return this.shape(ref.shape);
  }

  /** The error shape an AwsError code names: by shape name or by its wire code. */
  errorShape(code: string): ErrorShape | undefined {
    if (!this.#errors) {
      this.#errors = new Map();
      for (const [name, shape] of Object.entries(this.model.shapes)) {
        if (!shape.exception) continue;
        const entry = { name, shape, code: shape.error?.code ?? name };
        this.#errors.set(name, entry);
        if (!this.#errors.has(entry.code)) this.#errors.set(entry.code, entry);
      }
    }
    return this.#errors.get(code);
  }

  /** Computes a derived value once per model (route tables, validators, serializers). */
  memo<T>(key: string, build: () => T): T {
    if (this.#memo.has(key)) return this.#memo.get(key) as T;
    const value = build();
    this.#memo.set(key, value);
    return value;
  }
}

const compiled = new WeakMap<ServiceModel, CompiledModel>();

export function compile(model: ServiceModel): CompiledModel {
  let entry = compiled.get(model);
  if (!entry) {
    entry = new CompiledModel(model);
    compiled.set(model, entry);
  }
  return entry;
}
