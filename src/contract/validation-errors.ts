// Turns ajv diagnostics from the generated validators into short statements that name the field, for the
// client's local request checks, the emulator's 400 messages and the conformance reports.
import type { ErrorObject } from 'ajv';

export interface FieldProblem {
  /** Dotted path of the field, e.g. `publicip.bandwidth.size` (empty for the whole document). */
  field: string;
  keyword: string;
  /** A sentence that starts with the field, e.g. `publicip.bandwidth.size must be >= 5`. */
  message: string;
}

const DEF = /\$defs\/([^/]+)/;

/** `/publicip/bandwidth/size` → `publicip.bandwidth.size` (JSON Pointer escapes `~1` and `~0` undone). */
function dotted(instancePath: string, child?: string): string {
  const path = instancePath.includes('~')
    ? instancePath
        .split('/')
        .slice(1)
        .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
        .join('.')
    : instancePath.slice(1).replaceAll('/', '.');
  if (child === undefined) return path;
  return path ? `${path}.${child}` : child;
}

function sentence(error: ErrorObject): FieldProblem {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const field = dotted(error.instancePath, String(params.missingProperty));
      return { field, keyword: 'required', message: `${field} is required` };
    }
    case 'additionalProperties': {
      const field = dotted(error.instancePath, String(params.additionalProperty));
      return { field, keyword: 'additionalProperties', message: `${field} is not a known field` };
    }
    case 'enum': {
      const field = dotted(error.instancePath);
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { field, keyword: 'enum', message: `${field || 'the body'} must be one of ${allowed}` };
    }
    case 'format': {
      const field = dotted(error.instancePath);
      return { field, keyword: 'format', message: `${field || 'the body'} must be a valid ${String(params.format)}` };
    }
    default: {
      const field = dotted(error.instancePath);
      return { field, keyword: error.keyword, message: `${field || 'the body'} ${error.message ?? 'is invalid'}` };
    }
  }
}

/**
 * The problems behind a failed validation, one per field and rule. Where a `oneOf` failed (the bind/unbind
 * body), only the alternative that came closest is reported, so the message speaks of the shape the caller
 * meant; a failed `anyOf` of formats (an IPv4 or IPv6 address) becomes one statement.
 */
export function describeValidationErrors(errors: readonly ErrorObject[] | null | undefined): FieldProblem[] {
  // The usual case, one broken rule: its sentence, without the grouping below (the emulator's 400s take this path).
  const only = errors?.length === 1 ? errors[0]! : undefined;
  if (only && only.keyword !== 'anyOf' && only.keyword !== 'oneOf') return [sentence(only)];
  let list = (errors ?? []).filter((e) => e.keyword !== 'anyOf');
  if (list.some((e) => e.keyword === 'oneOf')) {
    list = list.filter((e) => e.keyword !== 'oneOf');
    const groups = new Map<string, number>();
    for (const e of list) {
      const name = DEF.exec(e.schemaPath)?.[1];
      if (name) groups.set(name, (groups.get(name) ?? 0) + 1);
    }
    const closest = [...groups.entries()].sort((a, b) => a[1] - b[1])[0]?.[0];
    list = list.filter((e) => {
      const name = DEF.exec(e.schemaPath)?.[1];
      return !name || name === closest;
    });
  }
  const seen = new Map<string, FieldProblem>();
  for (const error of list) {
    const problem = sentence(error);
    const key = `${problem.field}\u0000${problem.keyword}`;
    const earlier = seen.get(key);
    if (earlier && problem.keyword === 'format' && earlier.message !== problem.message) {
      earlier.message = `${earlier.message} or ${String((error.params as { format: string }).format)}`;
    } else if (!earlier) seen.set(key, problem);
  }
  return [...seen.values()];
}

/** All problems in one line: `publicip.bandwidth.size must be >= 5; publicip.foo is not a known field`. */
export function validationMessage(errors: readonly ErrorObject[] | null | undefined): string {
  return describeValidationErrors(errors)
    .map((p) => p.message)
    .join('; ');
}
