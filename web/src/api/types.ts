// JSON shapes of Village's API (docs/api.md, docs/api/*.md). Ids are numbers, times ISO 8601
// UTC strings, absent optional values null.

export type Role = 'admin' | 'trainer' | 'trainee' | 'guest';
export type BoardRole = 'admin' | 'editor' | 'member' | 'viewer';
/** What the viewer holds on a board: a board role, `reader` (anonymous, public board) or `none`. */
export type MyRole = BoardRole | 'reader' | 'none';
export type Visibility = 'public' | 'community' | 'groups' | 'private';

export interface Member {
  id: number;
  display_name: string;
  role: Role;
  grade: string | null;
  site: string | null;
  interests: string[];
  // Only in the full view (oneself, or an admin looking):
  email?: string;
  deactivated?: boolean;
  has_password?: boolean;
  created_at?: string;
  last_seen_at?: string | null;
}

export interface SessionInfo {
  member: Member;
  csrf_token: string | null;
}

export interface Space {
  id: number;
  name: string;
  description: string;
  position?: string;
}

export interface BoardSummary {
  id: number;
  space_id: number | null;
  name: string;
  description: string;
  visibility: Visibility;
  my_role: MyRole;
  archived: boolean;
  card_count?: number;
}

export interface BoardListing {
  spaces: { space: Space; boards: BoardSummary[] }[];
  boards_without_space: BoardSummary[];
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

export interface BoardMember extends MemberRef {
  role: BoardRole;
}

export interface BoardInfo {
  id: number;
  my_role: MyRole;
  space_id: number | null;
  name: string;
  description: string;
  visibility: Visibility;
  default_role: 'member' | 'viewer';
  comments_enabled: boolean;
  group_ids: number[];
  created_by: number | null;
  created_at: string;
  updated_at: string;
  archived: boolean;
  archived_at: string | null;
  version: number;
  /** The newest activity id this read reflects, when the server says (live resumes after it). */
  last_activity_id?: number;
  labels: Label[];
  members: BoardMember[];
}

export interface ListInfo {
  id: number;
  board_id?: number;
  name: string;
  position: string;
  archived: boolean;
}

export interface CardSummary {
  id: number;
  list_id: number;
  title: string;
  position: string;
  label_ids: number[];
  start_at: string | null;
  due_at: string | null;
  due_complete: boolean;
  location: string | null;
  pinned: boolean;
  cover_url: string | null;
  comment_count: number;
  checklist: { done: number; total: number };
  assignee_ids: number[];
  author_id: number | null;
  archived: boolean;
}

/** GET /api/v1/boards/{id}: the whole board in one response. */
export interface BoardRead {
  board: BoardInfo;
  lists: ListInfo[];
  cards: CardSummary[];
}

export interface ChecklistItem {
  id: number;
  checklist_id?: number;
  text: string;
  done: boolean;
  position?: string;
}

export interface Checklist {
  id: number;
  card_id?: number;
  name: string;
  position?: string;
  items: ChecklistItem[];
  done_count?: number;
  item_count?: number;
}

export interface Reaction {
  emoji: string;
  count: number;
  mine: boolean;
}

export interface Comment {
  id: number;
  card_id: number;
  author: MemberRef | null;
  /** Markdown source; null once deleted. */
  body: string | null;
  /** Rendered by the server (cmark-gfm, safe mode); null once deleted. */
  body_html: string | null;
  created_at: string;
  updated_at: string;
  edited: boolean;
  deleted: boolean;
  reactions: Reaction[];
  can_edit?: boolean;
  can_delete?: boolean;
}

export interface CommentPage {
  comments: Comment[];
  next_before: number | null;
  total: number;
}

/** What the viewer may do with a card, decided by the server. */
export interface CardPermissions {
  can_edit: boolean;
  can_delete: boolean;
  can_comment: boolean;
  can_react: boolean;
  can_check_items: boolean;
  can_moderate_comments: boolean;
}

/** GET /api/v1/cards/{id}: the full card. */
export interface Card {
  id: number;
  board_id: number;
  list_id: number;
  title: string;
  /** Markdown source of the body. */
  body: string;
  /** The body rendered by the server (cmark-gfm, safe mode). */
  body_html: string;
  position: string;
  labels: Label[];
  start_at: string | null;
  due_at: string | null;
  due_complete: boolean;
  location: string | null;
  cover_url: string | null;
  pinned: boolean;
  archived: boolean;
  archived_at: string | null;
  author: MemberRef | null;
  assignees: MemberRef[];
  checklists: Checklist[];
  comments: CommentPage;
  reactions: Reaction[];
  created_at: string;
  updated_at: string;
  permissions: CardPermissions;
}

export interface Group {
  id: number;
  name: string;
  description: string;
  member_count: number;
  created_at?: string;
}

export interface ActivityEntry {
  id: number;
  at: string;
  type: string;
  actor: MemberRef | null;
  board_id?: number | null;
  list_id?: number | null;
  card_id?: number | null;
  data?: Record<string, unknown>;
}

/** The one error shape of the API. */
export interface ErrorBody {
  error: { code: string; message: string; field: string | null };
}

// --- notifications, follows, feed, announcements (docs/api/notifications.md)

export type FollowLevel = 'watching' | 'normal' | 'muted';
export type FollowTarget = 'spaces' | 'boards' | 'cards';

/** GET /follows/{type}/{id}: the member's own follow here, and what applies (maybe inherited). */
export interface FollowState {
  level: FollowLevel | null;
  origin: 'chosen' | 'interest' | 'author' | 'commenter' | null;
  effective_level: FollowLevel | null;
  effective_from: 'space' | 'board' | 'card' | null;
}

export type NotificationKind = 'mention' | 'reply' | 'comment' | 'card' | 'assigned' | 'announcement';

export interface Notification {
  id: number;
  kind: NotificationKind;
  activity_id: number;
  board: { id: number; name: string } | null;
  card: { id: number; title: string } | null;
  comment_id: number | null;
  actor: MemberRef | null;
  created_at: string;
  read: boolean;
  read_at: string | null;
  push: boolean;
}

export interface NotificationPage {
  notifications: Notification[];
  next_before: number | null;
  unread: number;
}

export interface FeedItem {
  activity_id: number;
  type: 'card.created' | 'comment.added' | string;
  at: string;
  board: { id: number; name: string };
  card: { id: number; title: string };
  comment_id: number | null;
  actor: MemberRef | null;
  unseen: boolean;
}

export interface FeedPage {
  items: FeedItem[];
  next_before: number | null;
  seen_up_to: number;
  unseen: number;
}

/** An announcement as its recipient sees it, pinned on home until acknowledged. */
export interface PendingAnnouncement {
  card: { id: number; title: string };
  board: { id: number; name: string };
  announced_by: MemberRef | null;
  announced_at: string;
  seen: boolean;
}

export interface ReachRow {
  grade?: string | null;
  site?: string | null;
  audience: number;
  seen: number;
  acknowledged: number;
}

/** GET /cards/{id}/announcement: an announcement's reach, for its organisers. */
export interface Reach {
  card_id: number;
  card_title: string;
  audience: 'everyone' | 'groups';
  group_ids: number[];
  announced_by: number | null;
  announced_at: string;
  audience_size: number;
  seen: number;
  acknowledged: number;
  by_grade: ReachRow[];
  by_site: ReachRow[];
  not_acknowledged: { id: number; display_name: string; grade: string | null; site: string | null; seen: boolean; seen_at: string | null }[];
}

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface QuietHours {
  time_zone: string;
  start: string | null;
  end: string | null;
  days_off: Weekday[];
  quiet_now?: boolean;
}

export interface OnboardingState {
  steps: { id: 'complete_profile' | 'follow_space' | 'first_post' | string; title: string; done: boolean }[];
  done: boolean;
}

export interface Mentionable {
  id: number;
  display_name: string;
  /** What to insert: "@[Name](member:42)". */
  mention: string;
}

// --- imports and exports (docs/api/imports.md)

export interface ImportNote {
  what: string;
  why: string;
}

export interface ImportReport {
  source: 'trello' | 'village';
  board_id: number;
  board_name: string;
  counts: Record<string, number>;
  members_matched: string[];
  members_imported: string[];
  skipped: ImportNote[];
  changed: ImportNote[];
  discrepancies: ImportNote[];
}

// --- mail: invitations, sign-in links, mail preferences (docs/api/mail.md)

export interface Invitation {
  id: number;
  email: string;
  display_name: string;
  role: Role;
  grade: string | null;
  site: string | null;
  group_ids: number[];
  invited_by: number;
  created_at: string;
  expires_at: string;
  accepted_at: string | null;
  member_id: number | null;
}

export interface PasteResult {
  invited: Invitation[];
  errors: { line: number; email: string; code: string; message: string; field: string | null }[];
}

export interface InvitationPreview {
  email: string;
  display_name: string;
  grade: string | null;
  expires_at: string;
}

export type MailNotify = 'immediately' | 'daily' | 'weekly' | 'never';

export interface MailPreferences {
  notify: MailNotify;
  digest_time: string;
  time_zone: string | null;
}
