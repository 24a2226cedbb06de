// Faults on demand: rules that pick requests to operations — by operation, method, path and project; with a
// probability, from the Nth match, for a count or a window of time — and do something to them: answer late,
// throttle, answer a documented error, reset the connection, cut the answer, never answer, or make the change
// and then fail. Seeded (one generator per rule), so a run repeats. Rules come from `--faults FILE`,
// `PUT /__emulator/faults` and `startEmulator({ faults })`; they are checked against their schema
// (src/contract/faults-schema.ts) and the contract, with errors that name their place.
import type { Faults } from '../../generated/faults.js';
import { validateFaults } from '../../generated/faults-validator.js';
import { type OperationDefinition, operations as contractOperations } from '../../generated/operations.js';
import { bundledSpec } from '../contract/bundled.js';
import { errorExamples } from '../contract/error-examples.js';
import { ERRORS, type ErrorCode } from '../contract/error-registry.js';
import { seededRandom } from '../contract/seeded-random.js';
import { operationObject } from '../contract/success-answer.js';
import { describeInputErrors, readInputFile } from '../contract/input-file.js';
import { UserError } from '../contract/user-error.js';

export type { Faults };
export type FaultRule = Faults['rules'][number];
export type Fault = FaultRule['fault'];

export class FaultsError extends UserError {
  override readonly name = 'FaultsError';
}

/** The codes an operation documents, from its response examples (what an `error` fault may answer). */
export type DocumentedCodes = (op: OperationDefinition) => ReadonlySet<string>;

/** `/v3/*\/eip/publicips`: `*` stands for one path segment, `**` for any number of them. */
function pathPattern(glob: string): RegExp {
  const literal = (part: string) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*');
  return new RegExp(`^${glob.split('**').map(literal).join('.*')}$`);
}

/** The operations a rule can pick, by its operation and method (its path glob is matched per request). */
const candidates = (rule: FaultRule, operations: readonly OperationDefinition[]) =>
  operations.filter(
    (op) =>
      (rule.operation === undefined || op.operationId === rule.operation) &&
      (rule.method === undefined || op.method.toUpperCase() === rule.method),
  );

/** Checks rules against their schema and the contract: known operations, codes the operations document. */
export function checkFaults(
  data: unknown,
  operations: readonly OperationDefinition[],
  documentedCodes: DocumentedCodes,
  source = 'faults',
): Faults {
  if (!validateFaults(data)) {
    throw new FaultsError(`${source} are not valid fault rules: ${describeInputErrors(validateFaults.errors)}`);
  }
  data.rules.forEach((rule, index) => {
    const where = `${source}: rules[${index}]`;
    if (rule.operation !== undefined && !operations.some((op) => op.operationId === rule.operation)) {
      const known = operations.map((op) => op.operationId).join(', ');
      throw new FaultsError(`${where}.operation: ${rule.operation} is no operation of the contract (${known})`);
    }
    if (rule.nth !== undefined && rule.probability !== undefined)
      throw new FaultsError(`${where}: give nth or probability, not both`);
    const fault = rule.fault;
    if (fault.type === 'latency' && fault.max_ms !== undefined && fault.max_ms < fault.ms)
      throw new FaultsError(`${where}.fault.max_ms: ${fault.max_ms} is less than ms ${fault.ms}`);
    if ((fault.type === 'error' || fault.type === 'fail-after-apply') && fault.code !== undefined) {
      const code = fault.code;
      if (!(code in ERRORS))
        throw new FaultsError(`${where}.fault.code: ${code} is not a Huawei code the emulator knows`);
      const picked = candidates(rule, operations);
      const undocumented = picked.filter((op) => !documentedCodes(op).has(code)).map((op) => op.operationId);
      if (picked.length === 0 || undocumented.length > 0)
        throw new FaultsError(
          `${where}.fault.code: ${code} is not an answer the contract documents for ${undocumented.join(', ') || 'the operations this rule picks'}${rule.operation === undefined ? '; name the operation with `operation`' : ''}`,
        );
    }
  });
  return structuredClone(data);
}

/** Reads and checks a fault rules file (YAML or JSON). */
export async function loadFaults(
  file: string,
  operations: readonly OperationDefinition[],
  documentedCodes: DocumentedCodes,
): Promise<Faults> {
  return checkFaults(await readInputFile(file, 'faults', FaultsError), operations, documentedCodes, file);
}

const OPERATIONS = contractOperations as readonly OperationDefinition[];
let codesByOperation: Map<string, ReadonlySet<string>> | undefined;

/** The codes each operation of the package's contract documents (read once). */
const contractCodes: DocumentedCodes = (op) => {
  if (!codesByOperation) {
    const document = bundledSpec();
    codesByOperation = new Map(
      OPERATIONS.map((o) => [
        o.operationId,
        new Set(errorExamples(document, operationObject(document, o.path, o.method)).map((e) => e.code)),
      ]),
    );
  }
  return codesByOperation.get(op.operationId) ?? new Set();
};

/** Rules checked against the package's contract (what the emulator serves). */
export const checkContractFaults = (data: unknown, source?: string): Faults =>
  checkFaults(data, OPERATIONS, contractCodes, source);

/** A rules file checked against the package's contract. */
export const loadContractFaults = (file: string): Promise<Faults> => loadFaults(file, OPERATIONS, contractCodes);

/** Rules as a library caller gives them: a file is loaded, an object checked and copied. */
export async function givenFaults(faults: Faults | string | undefined): Promise<Faults | undefined> {
  if (faults === undefined) return undefined;
  return typeof faults === 'string' ? loadContractFaults(faults) : checkContractFaults(faults);
}

/** What the injector is asked about each request to an operation. */
export interface FaultQuery {
  operationId: string;
  method: string;
  /** The request's path, without its query. */
  path: string;
  projectId: string | undefined;
}

/** A fault picked for one request: the rule's name and what to do. */
export interface FaultDecision {
  rule: string;
  fault: Fault;
  /** For `latency`: how long to wait, drawn from the rule's range. */
  delayMs?: number;
}

/** One rule as `GET /__emulator/faults` shows it: the rule and how often it matched and acted. */
export interface FaultRuleReport {
  rule: FaultRule & { name: string };
  matched: number;
  injected: number;
}

export interface FaultsReport {
  seed: number;
  rules: FaultRuleReport[];
  /** Faults injected since the rules were set, by type. */
  injected: Record<string, number>;
}

interface ActiveRule {
  rule: FaultRule & { name: string };
  path: RegExp | undefined;
  random: () => number;
  matched: number;
  injected: number;
}

export const DEFAULT_FAULT_SEED = 1;

/** The rules in force and their counts; `decide` picks the fault, if any, of each request (the first rule wins). */
export class FaultInjector {
  #seed = DEFAULT_FAULT_SEED;
  #rules: ActiveRule[] = [];
  #setAt = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Replaces the rules (already checked) and starts their counts and windows again. */
  set(faults: Faults | undefined): void {
    this.#seed = faults?.seed ?? DEFAULT_FAULT_SEED;
    this.#setAt = this.now();
    this.#rules = (faults?.rules ?? []).map((rule, index) => ({
      rule: { ...rule, name: rule.name ?? `rule ${index + 1}` },
      path: rule.path === undefined ? undefined : pathPattern(rule.path),
      // One generator per rule: a rule's choices do not depend on the others.
      random: seededRandom(this.#seed + index * 0x9e3779b9),
      matched: 0,
      injected: 0,
    }));
  }

  clear(): void {
    this.set(undefined);
  }

  get active(): boolean {
    return this.#rules.length > 0;
  }

  report(): FaultsReport {
    const injected: Record<string, number> = {};
    for (const r of this.#rules) injected[r.rule.fault.type] = (injected[r.rule.fault.type] ?? 0) + r.injected;
    return {
      seed: this.#seed,
      rules: this.#rules.map((r) => ({ rule: structuredClone(r.rule), matched: r.matched, injected: r.injected })),
      injected,
    };
  }

  decide(query: FaultQuery): FaultDecision | undefined {
    if (this.#rules.length === 0) return undefined;
    const elapsed = this.now() - this.#setAt;
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.operation !== undefined && rule.operation !== query.operationId) continue;
      if (rule.method !== undefined && rule.method !== query.method) continue;
      if (rule.project !== undefined && rule.project !== query.projectId) continue;
      if (active.path && !active.path.test(query.path)) continue;
      if (rule.after_ms !== undefined && elapsed < rule.after_ms) continue;
      if (rule.for_ms !== undefined && elapsed >= (rule.after_ms ?? 0) + rule.for_ms) continue;
      active.matched += 1;
      if (rule.nth !== undefined && active.matched < rule.nth) continue;
      if (rule.count !== undefined && active.injected >= rule.count) continue;
      if (rule.probability !== undefined && active.random() >= rule.probability) continue;
      active.injected += 1;
      const { fault } = rule;
      const decision: FaultDecision = { rule: rule.name, fault };
      if (fault.type === 'latency')
        decision.delayMs =
          fault.max_ms === undefined
            ? fault.ms
            : fault.ms + Math.floor(active.random() * (fault.max_ms - fault.ms + 1));
      return decision;
    }
    return undefined;
  }
}

/** The code a fault answers with, if it is an error one (the service's 500 when `fail-after-apply` names none). */
export const faultCode = (fault: Fault): ErrorCode | undefined =>
  fault.type === 'error' || fault.type === 'fail-after-apply' ? (fault.code as ErrorCode | undefined) : undefined;
