// JSON shapes of Village's API (docs/api/*.md). Ids are numbers, times ISO 8601 UTC strings.

export type Role = 'admin' | 'trainer' | 'trainee' | 'guest';
export type BoardRole = 'admin' | 'editor' | 'member' | 'viewer';
export type Visibility = 'public' | 'community' | 'groups' | 'private';

export interface Member {
  id: number;
  email?: string;
  display_name: string;
  role: Role;
  grade?: string | null;
  site?: string | null;
  interests?: string[];
  created_at?: string;
  last_seen_at?: string | null;
  deactivated?: boolean;
}

export interface SessionInfo {
  member: Member;
  csrf_token: string;
}

export interface Space {
  id: number;
  name: string;
  description?: string;
}

export interface BoardSummary {
  id: number;
  name: string;
  description?: string;
  visibility: Visibility;
  space_id?: number | null;
  role?: BoardRole | 'reader' | null;
  archived?: boolean;
  archived_at?: string | null;
  updated_at?: string;
}

export interface SpaceBoards {
  space: Space | null;
  boards: BoardSummary[];
}

export interface Label {
  id: number;
  name: string;
  color: string;
}

export interface MemberRef {
  id: number;
  display_name: string;
}

export interface CardSummary {
  id: number;
  list_id: number;
  title: string;
  labels?: number[] | Label[];
  start_at?: string | null;
  due_at?: string | null;
  due_complete?: boolean;
  location?: string | null;
  pinned?: boolean;
  archived?: boolean;
  archived_at?: string | null;
  has_body?: boolean;
  comment_count?: number;
  checklist_done?: number;
  checklist_total?: number;
  assignees?: MemberRef[] | number[];
  author_id?: number | null;
  reaction_count?: number;
}

export interface List {
  id: number;
  name: string;
  archived?: boolean;
  archived_at?: string | null;
  cards: CardSummary[];
}

export interface Board extends BoardSummary {
  default_role?: 'member' | 'viewer';
  comments_enabled?: boolean;
  version?: number;
  lists: List[];
  labels?: Label[];
}

export interface ChecklistItem {
  id: number;
  text: string;
  done: boolean;
}

export interface Checklist {
  id: number;
  name: string;
  items: ChecklistItem[];
}

export interface Reaction {
  emoji: string;
  count: number;
  mine: boolean;
}

export interface Comment {
  id: number;
  card_id?: number;
  author: MemberRef | null;
  body_md: string;
  body_html: string;
  created_at: string;
  updated_at?: string;
  edited?: boolean;
  deleted?: boolean;
  reactions?: Reaction[];
}

export interface Card extends CardSummary {
  board_id: number;
  body_md: string;
  body_html: string;
  author?: MemberRef | null;
  created_at?: string;
  updated_at?: string;
  checklists?: Checklist[];
  comments?: Comment[];
  reactions?: Reaction[];
}

export interface BoardMember {
  id: number;
  display_name: string;
  role: BoardRole;
  email?: string;
}

export interface Group {
  id: number;
  name: string;
  description?: string;
  member_count?: number;
}

export interface Activity {
  id: number;
  at: string;
  type: string;
  actor: MemberRef | null;
  board_id?: number | null;
  list_id?: number | null;
  card_id?: number | null;
  data?: Record<string, unknown>;
}

export interface Page<T> {
  items: T[];
  next_before?: number | null;
}

/** The one error shape of the API. */
export interface ErrorBody {
  error: { code: string; message: string; field?: string | null };
}
