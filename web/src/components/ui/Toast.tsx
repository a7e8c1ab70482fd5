import { AlertCircle, CheckCircle2, Info, X } from 'lucide-react';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '../../lib/cn';
import { errorMessage } from '../../lib/errors';

export type ToastVariant = 'success' | 'error' | 'info';

export interface ToastOptions {
  title: ReactNode;
  description?: ReactNode;
  variant?: ToastVariant;
  /** Milliseconds on screen (default 4000; errors 6000). */
  duration?: number;
}

interface ToastItem extends ToastOptions {
  id: number;
}

export interface ToastApi {
  toast: (options: ToastOptions) => void;
  success: (title: ReactNode, description?: ReactNode) => void;
  /** An error: pass the caught error (ApiError → translated message) or a text. */
  error: (errorOrTitle: unknown, description?: ReactNode) => void;
}

const ToastContext = createContext<ToastApi | undefined>(undefined);

const ICONS = { success: CheckCircle2, error: AlertCircle, info: Info } as const;
const ICON_COLOURS = { success: 'text-success', error: 'text-destructive', info: 'text-info' } as const;

/** Renders toasts at the bottom right (bottom centre on phones), announced to screen readers. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<ToastItem[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setItems((list) => list.filter((item) => item.id !== id)), []);
  const toast = useCallback(
    (options: ToastOptions) => {
      const id = nextId.current++;
      setItems((list) => [...list.slice(-3), { ...options, id }]);
      const duration = options.duration ?? (options.variant === 'error' ? 6000 : 4000);
      window.setTimeout(() => dismiss(id), duration);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({
      toast,
      success: (title, description) => toast({ title, description, variant: 'success' }),
      error: (errorOrTitle, description) =>
        toast({
          title:
            typeof errorOrTitle === 'string' ||
            (typeof errorOrTitle === 'object' && errorOrTitle !== null && 'props' in errorOrTitle)
              ? (errorOrTitle as ReactNode)
              : errorMessage(errorOrTitle),
          description,
          variant: 'error',
        }),
    }),
    [toast],
  );

  return (
    <ToastContext.Provider value={api}>
      {children}
      <section
        aria-live="polite"
        aria-label={t('states.notifications')}
        className="pointer-events-none fixed inset-x-0 bottom-0 z-[60] flex flex-col items-center gap-2 p-4 sm:right-0 sm:left-auto sm:items-end"
      >
        {items.map((item) => {
          const variant = item.variant ?? 'info';
          const Icon = ICONS[variant];
          return (
            <div
              key={item.id}
              role={variant === 'error' ? 'alert' : 'status'}
              className="pointer-events-auto flex w-full max-w-sm animate-toast-in items-start gap-3 rounded-xl border border-border bg-popover p-4 text-popover-foreground shadow-pop"
            >
              <Icon className={cn('mt-0.5 size-5 shrink-0', ICON_COLOURS[variant])} aria-hidden />
              <div className="min-w-0 flex-1 space-y-0.5">
                <p className="text-sm font-medium">{item.title}</p>
                {item.description && <p className="text-sm text-muted-foreground">{item.description}</p>}
              </div>
              <button
                type="button"
                onClick={() => dismiss(item.id)}
                aria-label={t('actions.dismiss')}
                className="-m-1 cursor-pointer rounded-md p-1 text-muted-foreground hover:bg-accent hover:text-foreground"
              >
                <X className="size-4" />
              </button>
            </div>
          );
        })}
      </section>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const context = useContext(ToastContext);
  if (!context) throw new Error('useToast must be used inside <ToastProvider>');
  return context;
}
