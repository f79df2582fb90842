// Every endpoint the app calls, typed. Paths and shapes follow docs/api/*.md.
import { Http } from './http';
import type { Anchor } from '../lib/order';
import type {
  ActivityEntry,
  BoardInfo,
  BoardListing,
  BoardMember,
  BoardRead,
  BoardRole,
  Card,
  Checklist,
  ChecklistItem,
  Comment,
  CommentPage,
  FeedPage,
  FollowLevel,
  FollowState,
  FollowTarget,
  ImportReport,
  Invitation,
  InvitationPreview,
  MailPreferences,
  PasteResult,
  Mentionable,
  NotificationPage,
  OnboardingState,
  PendingAnnouncement,
  QuietHours,
  Reach,
  Group,
  Label,
  ListInfo,
  Member,
  Reaction,
  Role,
  SessionInfo,
  Space,
  Visibility,
} from './types';

const storage = typeof sessionStorage === 'undefined' ? undefined : sessionStorage;
export const http = new Http(storage ? { storage } : {});

const v1 = '/api/v1';
const get = <T>(path: string, cache = false) => http.request<T>('GET', v1 + path, undefined, { cache });
const post = <T>(path: string, body?: unknown) => http.request<T>('POST', v1 + path, body ?? {});
const patch = <T>(path: string, body: unknown) => http.request<T>('PATCH', v1 + path, body);
const put = <T>(path: string, body?: unknown) => http.request<T>('PUT', v1 + path, body ?? {});
const del = <T = void>(path: string) => http.request<T>('DELETE', v1 + path);

export interface NewBoard {
  name: string;
  description?: string;
  space_id?: number | null;
  visibility?: Visibility;
}

export interface BoardPatch {
  name?: string;
  description?: string;
  space_id?: number | null;
  visibility?: Visibility;
  default_role?: 'member' | 'viewer';
  comments_enabled?: boolean;
  group_ids?: number[];
  archived?: boolean;
}

export interface CardPatch extends Anchor {
  title?: string;
  body?: string;
  list_id?: number;
  start_at?: string | null;
  due_at?: string | null;
  due_complete?: boolean;
  location?: string | null;
  pinned?: boolean;
  archived?: boolean;
  label_ids?: number[];
  assignee_ids?: number[];
}

export interface ProfilePatch {
  display_name?: string;
  grade?: string | null;
  site?: string | null;
  interests?: string[];
  password?: string;
  current_password?: string;
}

export const api = {
  // --- session and me
  async signIn(email: string, password: string): Promise<SessionInfo> {
    const s = await post<SessionInfo>('/session', { email, password });
    http.setCsrf(s.csrf_token);
    return s;
  },
  async setUp(token: string, email: string, display_name: string, password: string): Promise<SessionInfo> {
    const s = await post<SessionInfo>('/setup', { token, email, display_name, password });
    http.setCsrf(s.csrf_token);
    return s;
  },
  async session(): Promise<SessionInfo> {
    const s = await get<SessionInfo>('/session');
    http.setCsrf(s.csrf_token);
    return s;
  },
  async signOut(): Promise<void> {
    try {
      await del('/session');
    } finally {
      http.setCsrf(null);
    }
  },
  me: () => get<Member>('/me'),
  updateMe: (p: ProfilePatch) => patch<Member>('/me', p),

  // --- members and groups (admin)
  members: (q = '') => get<{ members: Member[]; next_before: number | null }>(`/members?limit=200${q ? `&q=${encodeURIComponent(q)}` : ''}`),
  createMember: (m: { email: string; display_name: string; role: Role; password?: string }) => post<Member>('/members', m),
  updateMember: (id: number, p: { role?: Role; deactivated?: boolean }) => patch<Member>(`/members/${id}`, p),
  groups: () => get<{ groups: Group[]; next_before: number | null }>('/groups?limit=200'),
  createGroup: (name: string, description = '') => post<Group>('/groups', { name, description }),
  group: (id: number) => get<Group & { members: { id: number; display_name: string; role: Role }[] }>(`/groups/${id}`),
  addGroupMember: (id: number, memberId: number) => put(`/groups/${id}/members/${memberId}`),
  removeGroupMember: (id: number, memberId: number) => del(`/groups/${id}/members/${memberId}`),

  // --- spaces and boards
  spaces: () => get<{ spaces: Space[] }>('/spaces'),
  createSpace: (name: string, description = '') => post<Space>('/spaces', { name, description }),
  updateSpace: (id: number, p: { name?: string; description?: string }) => patch<Space>(`/spaces/${id}`, p),
  deleteSpace: (id: number) => del(`/spaces/${id}`),
  boards: () => get<BoardListing>('/boards'),
  createBoard: (b: NewBoard) => post<BoardInfo>('/boards', b),
  board: (id: number, opts: { archived?: boolean } = {}) => get<BoardRead>(`/boards/${id}${opts.archived ? '?archived=true' : ''}`, true),
  updateBoard: (id: number, p: BoardPatch) => patch<BoardInfo>(`/boards/${id}`, p),
  deleteBoard: (id: number) => del(`/boards/${id}`),
  boardMembers: (id: number) => get<{ members: BoardMember[] }>(`/boards/${id}/members`),
  setBoardMember: (id: number, memberId: number, role: BoardRole) => put<BoardMember>(`/boards/${id}/members/${memberId}`, { role }),
  removeBoardMember: (id: number, memberId: number) => del(`/boards/${id}/members/${memberId}`),
  activity: (id: number, before?: number) =>
    get<{ activity: ActivityEntry[]; next_before: number | null }>(`/boards/${id}/activity?limit=50${before ? `&before=${before}` : ''}`),

  // --- labels
  labels: (boardId: number) => get<{ labels: Label[]; colors: string[] }>(`/boards/${boardId}/labels`),
  createLabel: (boardId: number, name: string, color: string) => post<Label>(`/boards/${boardId}/labels`, { name, color }),
  updateLabel: (id: number, p: { name?: string; color?: string }) => patch<Label>(`/labels/${id}`, p),
  deleteLabel: (id: number) => del(`/labels/${id}`),

  // --- lists
  createList: (boardId: number, name: string) => post<ListInfo>(`/boards/${boardId}/lists`, { name }),
  updateList: (id: number, p: { name?: string; archived?: boolean } & Anchor) => patch<ListInfo>(`/lists/${id}`, p),

  // --- cards
  createCard: (listId: number, title: string) => post<Card>(`/lists/${listId}/cards`, { title }),
  card: (id: number) => get<Card>(`/cards/${id}`),
  updateCard: (id: number, p: CardPatch) => patch<Card>(`/cards/${id}`, p),
  deleteCard: (id: number) => del(`/cards/${id}`),

  comments: (cardId: number, before?: number) => get<CommentPage>(`/cards/${cardId}/comments?limit=50${before ? `&before=${before}` : ''}`),
  addComment: (cardId: number, body: string) => post<Comment>(`/cards/${cardId}/comments`, { body }),
  updateComment: (id: number, body: string) => patch<Comment>(`/comments/${id}`, { body }),
  deleteComment: (id: number) => del(`/comments/${id}`),

  react: (cardId: number, emoji: string) => post<{ reactions: Reaction[] }>(`/cards/${cardId}/reactions`, { emoji }),
  unreact: (cardId: number, emoji: string) => del<{ reactions: Reaction[] }>(`/cards/${cardId}/reactions/${encodeURIComponent(emoji)}`),

  addChecklist: (cardId: number, name: string) => post<Checklist>(`/cards/${cardId}/checklists`, { name }),
  addChecklistItem: (checklistId: number, text: string) => post<ChecklistItem>(`/checklists/${checklistId}/items`, { text }),
  updateChecklistItem: (id: number, p: { text?: string; done?: boolean }) => patch<ChecklistItem>(`/checklist-items/${id}`, p),
  deleteChecklistItem: (id: number) => del(`/checklist-items/${id}`),
  reactToComment: (commentId: number, emoji: string) => post<{ reactions: Reaction[] }>(`/comments/${commentId}/reactions`, { emoji }),
  unreactToComment: (commentId: number, emoji: string) => del<{ reactions: Reaction[] }>(`/comments/${commentId}/reactions/${encodeURIComponent(emoji)}`),

  // --- follows, notifications, feed, announcements, quiet hours (docs/api/notifications.md)
  follow: (type: FollowTarget, id: number) => get<FollowState>(`/follows/${type}/${id}`),
  setFollow: (type: FollowTarget, id: number, level: FollowLevel) => put<FollowState>(`/follows/${type}/${id}`, { level }),
  clearFollow: (type: FollowTarget, id: number) => del<FollowState>(`/follows/${type}/${id}`),
  notifications: (before?: number) => get<NotificationPage>(`/me/notifications?limit=30${before ? `&before=${before}` : ''}`),
  unreadCount: () => get<{ unread: number }>('/me/notifications/unread_count'),
  readNotification: (id: number) => post<unknown>(`/me/notifications/${id}/read`),
  readAllNotifications: (upTo?: number) => post<{ marked: number; unread: number }>('/me/notifications/read_all', upTo ? { up_to: upTo } : {}),
  feed: (before?: number) => get<FeedPage>(`/me/feed?limit=20${before ? `&before=${before}` : ''}`),
  feedSeen: (upTo?: number) => post<{ seen_up_to: number }>('/me/feed/seen', upTo ? { up_to: upTo } : {}),
  myAnnouncements: () => get<{ announcements: PendingAnnouncement[] }>('/me/announcements'),
  reach: (cardId: number) => get<Reach>(`/cards/${cardId}/announcement`),
  announce: (cardId: number, audience: 'everyone' | 'groups', groupIds: number[] = []) =>
    put<Reach>(`/cards/${cardId}/announcement`, audience === 'groups' ? { audience, group_ids: groupIds } : { audience }),
  withdrawAnnouncement: (cardId: number) => del(`/cards/${cardId}/announcement`),
  announcementSeen: (cardId: number) => post<void>(`/cards/${cardId}/announcement/seen`),
  acknowledge: (cardId: number) => post<void>(`/cards/${cardId}/announcement/acknowledge`),
  quietHours: () => get<{ quiet_hours: QuietHours | null }>('/me/quiet_hours'),
  setQuietHours: (q: QuietHours) => put<{ quiet_hours: QuietHours }>('/me/quiet_hours', { time_zone: q.time_zone, start: q.start, end: q.end, days_off: q.days_off }),
  clearQuietHours: () => del('/me/quiet_hours'),
  onboarding: () => get<OnboardingState>('/me/onboarding'),
  mentionable: (boardId: number, q: string) => get<{ members: Mentionable[] }>(`/boards/${boardId}/mentionable?limit=8&q=${encodeURIComponent(q)}`),

  // --- imports and exports (docs/api/imports.md)
  /** Sends the Trello export file as it is: the body is the file. */
  importTrello: (file: Blob, spaceId?: number | null) =>
    http.request<{ report: ImportReport }>('POST', `${v1}/imports/trello${spaceId ? `?space_id=${spaceId}` : ''}`, undefined, { raw: file }),
  exportUrl: (boardId: number, format: 'json' | 'csv') => `${v1}/boards/${boardId}/export?format=${format}`,

  // --- mail: sign-in links, invitations, mail preferences (docs/api/mail.md)
  /** Always the same answer, whether or not the address has an account. */
  requestSignInLink: (email: string) => post<{ message: string }>('/session/link', { email }),
  async redeemSignInLink(token: string): Promise<SessionInfo> {
    const s = await post<SessionInfo>('/session/link/redeem', { token });
    http.setCsrf(s.csrf_token);
    return s;
  },
  invitations: () => get<{ invitations: Invitation[]; next_before: number | null }>('/invitations?limit=50'),
  invite: (i: { email: string; display_name: string; role?: Role; grade?: string | null; site?: string | null; group_ids?: number[] }) => post<Invitation>('/invitations', i),
  invitePasted: (text: string) => post<PasteResult>('/invitations/batch', { text }),
  invitationPreview: (token: string) => get<InvitationPreview>(`/invitations/preview?token=${encodeURIComponent(token)}`),
  async acceptInvitation(a: { token: string; display_name: string; grade: string | null; interests: string[] }): Promise<SessionInfo> {
    const s = await post<SessionInfo>('/invitations/accept', a);
    http.setCsrf(s.csrf_token);
    return s;
  },
  mailPreferences: () => get<MailPreferences>('/me/mail'),
  setMailPreferences: (p: Partial<MailPreferences>) => patch<MailPreferences>('/me/mail', p),
};
