import {
  BarChart3,
  Bookmark,
  Boxes,
  CalendarClock,
  CreditCard,
  FlaskConical,
  KeyRound,
  Layers,
  LayoutDashboard,
  type LucideIcon,
  Megaphone,
  Network,
  Plug,
  ScrollText,
  Settings,
  Tag,
  Ticket,
  TrendingUp,
  UserRound,
  Users,
  Wallet,
} from 'lucide-react';

/** Keys of common:nav.* */
export type NavLabel =
  | 'playground'
  | 'models'
  | 'recipes'
  | 'keys'
  | 'presets'
  | 'usage'
  | 'logs'
  | 'billing'
  | 'plans'
  | 'account'
  | 'dashboard'
  | 'margins'
  | 'channels'
  | 'users'
  | 'keyAdmin'
  | 'redemptions'
  | 'announcements'
  | 'planAdmin'
  | 'payments'
  | 'prices'
  | 'settings';

export interface NavItem {
  to: string;
  label: NavLabel;
  icon: LucideIcon;
  /** Active only on this exact path (not on its children). */
  end?: boolean;
}

export interface NavGroup {
  /** Key of common:nav.groups.* */
  label: 'build' | 'developers' | 'account' | 'admin';
  items: NavItem[];
  adminOnly?: boolean;
}

/** The sidebar. A new page adds its route in routes.tsx and, if it belongs in the menu, an item here. */
export const NAV_GROUPS: NavGroup[] = [
  {
    label: 'build',
    items: [
      { to: '/playground', label: 'playground', icon: FlaskConical },
      { to: '/models', label: 'models', icon: Boxes },
      { to: '/use-with', label: 'recipes', icon: Plug },
    ],
  },
  {
    label: 'developers',
    items: [
      { to: '/keys', label: 'keys', icon: KeyRound },
      { to: '/presets', label: 'presets', icon: Bookmark },
      { to: '/usage', label: 'usage', icon: BarChart3 },
      { to: '/logs', label: 'logs', icon: ScrollText },
    ],
  },
  {
    label: 'account',
    items: [
      { to: '/billing', label: 'billing', icon: CreditCard },
      { to: '/plans', label: 'plans', icon: Layers },
      { to: '/account', label: 'account', icon: UserRound },
    ],
  },
  {
    label: 'admin',
    adminOnly: true,
    items: [
      { to: '/admin', label: 'dashboard', icon: LayoutDashboard, end: true },
      { to: '/admin/margins', label: 'margins', icon: TrendingUp },
      { to: '/admin/channels', label: 'channels', icon: Network },
      { to: '/admin/users', label: 'users', icon: Users },
      { to: '/admin/keys', label: 'keyAdmin', icon: KeyRound },
      { to: '/admin/redemptions', label: 'redemptions', icon: Ticket },
      { to: '/admin/announcements', label: 'announcements', icon: Megaphone },
      { to: '/admin/plans', label: 'planAdmin', icon: CalendarClock },
      { to: '/admin/payments', label: 'payments', icon: Wallet },
      { to: '/admin/prices', label: 'prices', icon: Tag },
      { to: '/admin/settings', label: 'settings', icon: Settings },
    ],
  },
];
