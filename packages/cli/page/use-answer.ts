import { useEffect, useState } from 'preact/hooks';

/** The latest answer of an API call that reruns when its inputs change; earlier answers that arrive late are dropped. */
export interface Answer<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
}

export function useAnswer<T>(load: (() => Promise<T>) | null, inputs: readonly unknown[]): Answer<T> {
  const [answer, setAnswer] = useState<Answer<T>>({ data: null, error: null, loading: load !== null });
  useEffect(() => {
    if (load === null) {
      setAnswer({ data: null, error: null, loading: false });
      return;
    }
    let current = true;
    setAnswer((previous) => ({ ...previous, loading: true }));
    load().then(
      (data) => current && setAnswer({ data, error: null, loading: false }),
      (error: unknown) =>
        current &&
        setAnswer({ data: null, error: error instanceof Error ? error.message : String(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, inputs);
  return answer;
}
