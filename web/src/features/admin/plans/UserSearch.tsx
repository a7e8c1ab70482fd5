import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Search, X } from 'lucide-react';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { controlClasses, useFieldControl } from '../../../components/ui';
import { api } from '../../../lib/api';
import { cn } from '../../../lib/cn';
import { type UserList, usersKey } from '../users/api';

export interface ChosenUser {
  id: string;
  email: string;
}

function useDebounced<T>(value: T, delay = 250): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), delay);
    return () => window.clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/**
 * Picks one user by email substring or exact id (GET /api/admin/users?query=): a combobox while
 * nothing is chosen, then the chosen user with a clear button.
 */
export function UserSearch({
  value,
  onChange,
  'aria-label': ariaLabel,
}: {
  value: ChosenUser | undefined;
  onChange: (user: ChosenUser | undefined) => void;
  'aria-label'?: string;
}) {
  const { t } = useTranslation('plansAdmin');
  const control = useFieldControl({});
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const query = useDebounced(text.trim());
  const users = useQuery({
    queryKey: [...usersKey, 'search', query],
    queryFn: ({ signal }) => api.get<UserList>('/api/admin/users', { query: { query, limit: 8 }, signal }),
    enabled: query.length > 0 && !value,
    placeholderData: keepPreviousData,
    select: (answer) => answer.data,
  });
  const matches = query ? (users.data ?? []) : [];
  const showList = open && query.length > 0;

  const choose = (user: ChosenUser) => {
    onChange({ id: user.id, email: user.email });
    setText('');
    setOpen(false);
  };

  if (value) {
    return (
      <div className={cn(controlClasses, 'flex h-9 items-center justify-between gap-2')}>
        <span className="min-w-0 truncate text-sm">
          {value.email !== value.id && `${value.email} `}
          <span className="font-mono text-xs text-muted-foreground">{value.id}</span>
        </span>
        <button
          type="button"
          onClick={() => onChange(undefined)}
          aria-label={t('userSearch.clear')}
          className="flex size-6 shrink-0 cursor-pointer items-center justify-center rounded text-muted-foreground hover:bg-accent hover:text-foreground"
        >
          <X className="size-3.5" />
        </button>
      </div>
    );
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' && matches.length > 0) {
      event.preventDefault();
      setOpen(true);
      setActive((index) => (index + 1) % matches.length);
    } else if (event.key === 'ArrowUp' && matches.length > 0) {
      event.preventDefault();
      setActive((index) => (index <= 0 ? matches.length - 1 : index - 1));
    } else if (event.key === 'Enter' && showList && matches[active]) {
      event.preventDefault();
      choose(matches[active]);
    } else if (event.key === 'Escape' && showList) {
      event.preventDefault();
      event.stopPropagation();
      setOpen(false);
    }
  };

  return (
    <div className="relative">
      <div className="relative">
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground" />
        <input
          id={control.id}
          aria-describedby={control['aria-describedby']}
          aria-invalid={control['aria-invalid']}
          aria-label={ariaLabel}
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={showList && matches[active] ? `${listId}-${active}` : undefined}
          className={cn(controlClasses, 'h-9 pl-9')}
          placeholder={t('userSearch.placeholder')}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(0);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div
        id={listId}
        role="listbox"
        aria-label={t('userSearch.results')}
        hidden={!showList}
        className="absolute top-full right-0 left-0 z-30 mt-1 max-h-64 overflow-y-auto rounded-xl border border-border bg-popover p-1 text-popover-foreground shadow-pop"
      >
        {matches.length === 0 && (
          <p className="px-2.5 py-1.5 text-xs text-muted-foreground">
            {users.isFetching ? t('userSearch.searching') : t('userSearch.none')}
          </p>
        )}
        {matches.map((user, index) => (
          <div
            key={user.id}
            id={`${listId}-${index}`}
            role="option"
            tabIndex={-1}
            aria-selected={index === active}
            onMouseDown={(event) => {
              event.preventDefault();
              choose(user);
            }}
            className={cn(
              'cursor-pointer rounded-md px-2.5 py-1.5 text-sm',
              index === active ? 'bg-accent text-foreground' : 'hover:bg-accent',
            )}
          >
            <span className="block truncate">{user.email}</span>
            <span className="block truncate font-mono text-xs text-muted-foreground">{user.id}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
