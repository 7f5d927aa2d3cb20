const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));

const OPERATORS: Readonly<Record<string, (actual: unknown, expected: unknown) => boolean>> = {
  $eq: same,
  $ne: (actual, expected) => !same(actual, expected),
  $gt: (actual, expected) => Number(actual) > Number(expected),
  $gte: (actual, expected) => Number(actual) >= Number(expected),
  $lt: (actual, expected) => Number(actual) < Number(expected),
  $lte: (actual, expected) => Number(actual) <= Number(expected),
  $in: (actual, expected) => Array.isArray(expected) && expected.some((candidate) => same(actual, candidate)),
  $nin: (actual, expected) => !Array.isArray(expected) || !expected.some((candidate) => same(actual, candidate)),
};

/** LangGraph's store filter on an item's value: each top-level field equals the value given, or meets every `$` operator given. */
export function matchValueFilter(value: Readonly<Record<string, unknown>>, filter: Readonly<Record<string, unknown>> | undefined): boolean {
  return Object.entries(filter ?? {}).every(([field, condition]) => {
    const keys = typeof condition === 'object' && condition !== null && !Array.isArray(condition) ? Object.keys(condition) : [];
    const operators = keys.length > 0 && keys.every((key) => key in OPERATORS) ? Object.entries(condition as object) : [['$eq', condition] as const];
    return operators.every(([operator, expected]) => OPERATORS[operator]!(value[field], expected));
  });
}
