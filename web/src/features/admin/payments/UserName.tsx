import { Link } from 'react-router';
import type { User } from '../../../lib/types';

/** A user by email (the id under it), linking to the user's page; the id alone until the user loads. */
export function UserName({ id, user }: { id: string; user: User | undefined }) {
  return (
    <div className="min-w-0">
      <Link
        to={`/admin/users?user=${encodeURIComponent(id)}`}
        className="block truncate text-sm text-foreground hover:underline"
        onClick={(event) => event.stopPropagation()}
      >
        {user ? user.email : id}
      </Link>
      {user && <p className="truncate font-mono text-xs text-muted-foreground">{id}</p>}
    </div>
  );
}
