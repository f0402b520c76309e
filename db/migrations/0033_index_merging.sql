-- The search index merges only when the server's merge worker asks, a few pages at a time
-- (src/lib/server/search/index-merge.ts): FTS5's own merging, inside the write that adds a
-- segment, merged a rebuilt 400 MB segment into a room save every hundred or so writes.
INSERT INTO room_fts_han(room_fts_han, rank) VALUES('automerge', 0);--> statement-breakpoint
INSERT INTO room_fts_han(room_fts_han, rank) VALUES('crisismerge', 1999);--> statement-breakpoint
INSERT INTO room_fts_latin(room_fts_latin, rank) VALUES('automerge', 0);--> statement-breakpoint
INSERT INTO room_fts_latin(room_fts_latin, rank) VALUES('crisismerge', 1999);
