CREATE TABLE `open_item_day` (
	`status` text NOT NULL,
	`currency` text NOT NULL,
	`due_date` text NOT NULL,
	`issue_date` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	`amount` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`status`, `currency`, `due_date`, `issue_date`)
);
--> statement-breakpoint
DROP INDEX `invoice_open_aging_idx`;
--> statement-breakpoint
-- The rollup triggers, rewritten: the old ones tested status with NOT IN (...) lists, which SQLite evaluates
-- through an ephemeral table built per statement per updated row; plain comparisons cost a fraction of that.
-- They now also keep open_item_day (open invoices per status, currency, due and issue date), which replaces
-- invoice_open_aging_idx for the dashboard's open balance and aging.
DROP TRIGGER IF EXISTS receivable_day_ins;
--> statement-breakpoint
DROP TRIGGER IF EXISTS receivable_day_del;
--> statement-breakpoint
DROP TRIGGER IF EXISTS receivable_day_upd;
--> statement-breakpoint
INSERT INTO open_item_day (status, currency, due_date, issue_date, count, amount)
  SELECT status, currency, due_date, issue_date, count(*), sum(open_amount) FROM invoice
  WHERE status = 'funded' OR status = 'partly_paid' OR status = 'disputed' GROUP BY status, currency, due_date, issue_date;
--> statement-breakpoint
CREATE TRIGGER invoice_rollup_ins AFTER INSERT ON invoice WHEN new.status <> 'submitted' AND new.status <> 'approved' AND new.status <> 'rejected' BEGIN
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT new.currency, new.issue_date, new.face, (CASE WHEN new.closed_date IS NULL THEN new.open_amount ELSE new.face END), 0 WHERE 1
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT new.currency, max(new.closed_date, new.issue_date), 0, 0, new.face WHERE new.closed_date IS NOT NULL
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO open_item_day (status, currency, due_date, issue_date, count, amount)
    SELECT new.status, new.currency, new.due_date, new.issue_date, 1, new.open_amount WHERE new.status = 'funded' OR new.status = 'partly_paid' OR new.status = 'disputed'
    ON CONFLICT (status, currency, due_date, issue_date) DO UPDATE SET count = count + excluded.count, amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER invoice_rollup_del AFTER DELETE ON invoice WHEN old.status <> 'submitted' AND old.status <> 'approved' AND old.status <> 'rejected' BEGIN
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT old.currency, old.issue_date, -old.face, -(CASE WHEN old.closed_date IS NULL THEN old.open_amount ELSE old.face END), 0 WHERE 1
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT old.currency, max(old.closed_date, old.issue_date), 0, 0, -old.face WHERE old.closed_date IS NOT NULL
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO open_item_day (status, currency, due_date, issue_date, count, amount)
    SELECT old.status, old.currency, old.due_date, old.issue_date, -1, -old.open_amount WHERE old.status = 'funded' OR old.status = 'partly_paid' OR old.status = 'disputed'
    ON CONFLICT (status, currency, due_date, issue_date) DO UPDATE SET count = count + excluded.count, amount = amount + excluded.amount;
END;
--> statement-breakpoint
CREATE TRIGGER invoice_rollup_upd AFTER UPDATE OF status, currency, face, open_amount, issue_date, due_date, closed_date ON invoice BEGIN
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT old.currency, old.issue_date, -old.face, -(CASE WHEN old.closed_date IS NULL THEN old.open_amount ELSE old.face END), 0
    WHERE old.status <> 'submitted' AND old.status <> 'approved' AND old.status <> 'rejected'
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT old.currency, max(old.closed_date, old.issue_date), 0, 0, -old.face
    WHERE old.closed_date IS NOT NULL AND old.status <> 'submitted' AND old.status <> 'approved' AND old.status <> 'rejected'
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT new.currency, new.issue_date, new.face, (CASE WHEN new.closed_date IS NULL THEN new.open_amount ELSE new.face END), 0
    WHERE new.status <> 'submitted' AND new.status <> 'approved' AND new.status <> 'rejected'
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT new.currency, max(new.closed_date, new.issue_date), 0, 0, new.face
    WHERE new.closed_date IS NOT NULL AND new.status <> 'submitted' AND new.status <> 'approved' AND new.status <> 'rejected'
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO open_item_day (status, currency, due_date, issue_date, count, amount)
    SELECT old.status, old.currency, old.due_date, old.issue_date, -1, -old.open_amount WHERE old.status = 'funded' OR old.status = 'partly_paid' OR old.status = 'disputed'
    ON CONFLICT (status, currency, due_date, issue_date) DO UPDATE SET count = count + excluded.count, amount = amount + excluded.amount;
  INSERT INTO open_item_day (status, currency, due_date, issue_date, count, amount)
    SELECT new.status, new.currency, new.due_date, new.issue_date, 1, new.open_amount WHERE new.status = 'funded' OR new.status = 'partly_paid' OR new.status = 'disputed'
    ON CONFLICT (status, currency, due_date, issue_date) DO UPDATE SET count = count + excluded.count, amount = amount + excluded.amount;
END;
