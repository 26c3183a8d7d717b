-- Fixture library for the search tests. Dates are relative to
-- now = 1767225600 (2026-01-01 00:00 UTC); see test-query-run.c.
INSERT INTO folders (id, parent_id, title) VALUES (1, NULL, 'Journals'), (2, NULL, 'Social'), (3, 2, 'Hashtags');
INSERT INTO feeds (id, kind, folder_id, url, title, user_title, added) VALUES
 (1, 'feed', 1, 'https://radiology.example/rss', 'Radiology', NULL, 0),
 (2, 'feed', 1, 'https://pedrad.example/rss', 'Pediatric Radiology', NULL, 0),
 (3, 'feed', NULL, 'https://blog.example/atom', 'Some Blog', 'Zürcher Röntgen', 0),
 (4, 'mastodon', 2, 'home', 'Mastodon home', NULL, 0),
 (5, 'feed', 3, 'https://pod.example/rss', 'Podcast of the RSNA', NULL, 0);
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (1, 1, 'g1', 'article', 'Pulmonary embolism on CTPA', 'Smith J', 1767139200, 1767139200, 'computed tomography pulmonary angiography', '10.1/a', 'en', 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (1, 'Pulmonary embolism on CTPA', 'Smith J', 'computed tomography pulmonary angiography');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (2, 1, 'g2', 'article', 'Zürich study of lung nodules', 'Müller A', 1767052800, 1767052800, 'nodules in a Zürich cohort', '10.1/b', 'de-CH', 0, 1, 1, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (2, 'Zürich study of lung nodules', 'Müller A', 'nodules in a Zürich cohort');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (3, 2, 'g3', 'article', 'Pediatric embolism', 'Ávila R', 1763769600, 1763769600, 'rare embolism in children', NULL, 'en-GB', 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (3, 'Pediatric embolism', 'Ávila R', 'rare embolism in children');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (4, 3, 'g4', 'article', 'Deep learning for CTPA', 'Radiopaedia', 1766966400, 1766966400, 'a deep learning model', NULL, NULL, 1, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (4, 'Deep learning for CTPA', 'Radiopaedia', 'a deep learning model');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (5, 4, 'g5', 'case', 'Case of the day', '@radiopaedia@mastodon.social', 1767225600, 1767225600, '#RSNA2026 interesting case', NULL, 'en', 0, 0, 0, 0, 0, 15, 3, 40);
INSERT INTO items_fts (rowid, title, author, body) VALUES (5, 'Case of the day', '@radiopaedia@mastodon.social', '#RSNA2026 interesting case');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (6, 4, 'g6', 'post', NULL, '@bob@example.social', 1766793600, 1766793600, 'boosted: pulmonary embolism thread', NULL, NULL, 0, 0, 0, 1, 0, 2, 0, 1);
INSERT INTO items_fts (rowid, title, author, body) VALUES (6, NULL, '@bob@example.social', 'boosted: pulmonary embolism thread');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (7, 4, 'g7', 'post', NULL, '@carol@example.social', 1766707200, 1766707200, 'reply about CO₂ and R&D budgets', NULL, NULL, 0, 0, 0, 0, 1, 0, 10, 9);
INSERT INTO items_fts (rowid, title, author, body) VALUES (7, NULL, '@carol@example.social', 'reply about CO₂ and R&D budgets');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (8, 5, 'g8', 'podcast', 'Radiology podcast episode', 'RSNA', 1732665600, 1732665600, 'NEAR(title: x) ^weird "quoted" text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (8, 'Radiology podcast episode', 'RSNA', 'NEAR(title: x) ^weird "quoted" text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (9, 2, 'g9', 'article', 'Same date A', 'Lee K', 1766361600, 1766361600, 'twin', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (9, 'Same date A', 'Lee K', 'twin');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (10, 2, 'g10', 'article', 'Same date B', 'Lee K', 1766361600, 1766361600, 'twin', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (10, 'Same date B', 'Lee K', 'twin');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (11, 1, 'g11', 'article', 'Batch item 0', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (11, 'Batch item 0', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (12, 1, 'g12', 'article', 'Batch item 1', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (12, 'Batch item 1', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (13, 1, 'g13', 'article', 'Batch item 2', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (13, 'Batch item 2', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (14, 1, 'g14', 'article', 'Batch item 3', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (14, 'Batch item 3', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (15, 1, 'g15', 'article', 'Batch item 4', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (15, 'Batch item 4', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (16, 1, 'g16', 'article', 'Batch item 5', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (16, 'Batch item 5', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (17, 1, 'g17', 'article', 'Batch item 6', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (17, 'Batch item 6', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (18, 1, 'g18', 'article', 'Batch item 7', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (18, 'Batch item 7', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (19, 1, 'g19', 'article', 'Batch item 8', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (19, 'Batch item 8', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (20, 1, 'g20', 'article', 'Batch item 9', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (20, 'Batch item 9', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (21, 1, 'g21', 'article', 'Batch item 10', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (21, 'Batch item 10', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (22, 1, 'g22', 'article', 'Batch item 11', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (22, 'Batch item 11', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (23, 1, 'g23', 'article', 'Batch item 12', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (23, 'Batch item 12', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (24, 1, 'g24', 'article', 'Batch item 13', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (24, 'Batch item 13', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (25, 1, 'g25', 'article', 'Batch item 14', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (25, 'Batch item 14', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (26, 1, 'g26', 'article', 'Batch item 15', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (26, 'Batch item 15', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (27, 1, 'g27', 'article', 'Batch item 16', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (27, 'Batch item 16', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (28, 1, 'g28', 'article', 'Batch item 17', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (28, 'Batch item 17', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (29, 1, 'g29', 'article', 'Batch item 18', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (29, 'Batch item 18', 'Batch Author', 'batch text');
INSERT INTO items (id, feed_id, guid, type, title, author, first_seen, sort_date, summary, doi, lang, has_image, read, starred, is_boost, is_reply, boosts, replies, favourites) VALUES (30, 1, 'g30', 'article', 'Batch item 19', 'Batch Author', 1765497600, 1765497600, 'batch text', NULL, NULL, 0, 0, 0, 0, 0, NULL, NULL, NULL);
INSERT INTO items_fts (rowid, title, author, body) VALUES (30, 'Batch item 19', 'Batch Author', 'batch text');
INSERT INTO item_tags (item_id, tag) VALUES (5, 'RSNA2026'), (6, 'rsna2026'), (7, 'Zürich');
INSERT INTO enclosures (item_id, url, type, length) VALUES (8, 'https://pod.example/ep.mp3', 'audio/mpeg', 1000);
INSERT INTO saved (item_id, state, saved_at, changed) VALUES (8, 'to-read', 1767225600, 1767225600);
INSERT INTO saved_tags (item_id, tag) VALUES (8, 'toread-zürich');
