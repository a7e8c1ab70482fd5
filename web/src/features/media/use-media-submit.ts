import { useState } from 'react';

/**
 * The state of a mode's submissions: busy while one runs (the form's button waits), and the
 * error of the last one (cleared when the next starts), shown above the results.
 */
export function useMediaSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (submission: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await submission();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}
