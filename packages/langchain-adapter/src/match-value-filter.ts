type Operator = '$eq' | '$ne' | '$gt' | '$gte' | '$lt' | '$lte' | '$in' | '$nin';
const OPERATORS = new Set<string>(['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin']);

const same = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && a !== null && JSON.stringify(a) === JSON.stringify(b));

function satisfies(actual: unknown, operator: Operator, expected: unknown): boolean {
  switch (operator) {
    case '$eq': return same(actual, expected);
    case '$ne': return !same(actual, expected);
    case '$gt': return Number(actual) > Number(expected);
    case '$gte': return Number(actual) >= Number(expected);
    case '$lt': return Number(actual) < Number(expected);
    case '$lte': return Number(actual) <= Number(expected);
    case '$in': return Array.isArray(expected) && expected.some((candidate) => same(actual, candidate));
    case '$nin': return !Array.isArray(expected) || !expected.some((candidate) => same(actual, candidate));
  }
}

/**
 * LangGraph's store filter on an item's value: each top-level key must equal the given value or meet
 * every operator given (`$eq`, `$ne`, `$gt`, `$gte`, `$lt`, `$lte`, `$in`, `$nin`).
 */
export function matchValueFilter(value: Readonly<Record<string, unknown>>, filter: Readonly<Record<string, unknown>> | undefined): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([field, condition]) => {
    const isOperators = typeof condition === 'object' && condition !== null && !Array.isArray(condition) && Object.keys(condition).length > 0 && Object.keys(condition).every((key) => OPERATORS.has(key));
    if (!isOperators) return same(value[field], condition);
    return Object.entries(condition).every(([operator, expected]) => satisfies(value[field], operator as Operator, expected));
  });
}
