-- Keeps receivable_day (schema/dashboard.ts) in step with invoice in the same transaction as every write,
-- whoever makes it, so the dashboard's DSO series and CEI never scan the invoice table.
-- A purchased invoice adds its face to sales and its AR amount (face once closed, else open amount) on its
-- issue day, and takes its face out of AR on its closing day. Updates take the old row out and put the new in.
CREATE TRIGGER receivable_day_ins AFTER INSERT ON invoice WHEN new.status NOT IN ('submitted', 'approved', 'rejected') BEGIN
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT new.currency, new.issue_date, new.face, (CASE WHEN new.closed_date IS NULL THEN new.open_amount ELSE new.face END), 0
    WHERE new.status NOT IN ('submitted', 'approved', 'rejected')
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT new.currency, max(new.closed_date, new.issue_date), 0, 0, new.face
    WHERE new.status NOT IN ('submitted', 'approved', 'rejected') AND new.closed_date IS NOT NULL
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
END;
--> statement-breakpoint
CREATE TRIGGER receivable_day_del AFTER DELETE ON invoice WHEN old.status NOT IN ('submitted', 'approved', 'rejected') BEGIN
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT old.currency, old.issue_date, -old.face, -(CASE WHEN old.closed_date IS NULL THEN old.open_amount ELSE old.face END), 0
    WHERE old.status NOT IN ('submitted', 'approved', 'rejected')
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT old.currency, max(old.closed_date, old.issue_date), 0, 0, -old.face
    WHERE old.status NOT IN ('submitted', 'approved', 'rejected') AND old.closed_date IS NOT NULL
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
END;
--> statement-breakpoint
CREATE TRIGGER receivable_day_upd AFTER UPDATE OF status, currency, face, open_amount, issue_date, closed_date ON invoice
WHEN old.status NOT IN ('submitted', 'approved', 'rejected') OR new.status NOT IN ('submitted', 'approved', 'rejected') BEGIN
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT old.currency, old.issue_date, -old.face, -(CASE WHEN old.closed_date IS NULL THEN old.open_amount ELSE old.face END), 0
    WHERE old.status NOT IN ('submitted', 'approved', 'rejected')
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT old.currency, max(old.closed_date, old.issue_date), 0, 0, -old.face
    WHERE old.status NOT IN ('submitted', 'approved', 'rejected') AND old.closed_date IS NOT NULL
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT new.currency, new.issue_date, new.face, (CASE WHEN new.closed_date IS NULL THEN new.open_amount ELSE new.face END), 0
    WHERE new.status NOT IN ('submitted', 'approved', 'rejected')
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
  INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
    SELECT new.currency, max(new.closed_date, new.issue_date), 0, 0, new.face
    WHERE new.status NOT IN ('submitted', 'approved', 'rejected') AND new.closed_date IS NOT NULL
    ON CONFLICT (currency, day) DO UPDATE SET sales = sales + excluded.sales, ar_in = ar_in + excluded.ar_in, ar_out = ar_out + excluded.ar_out;
END;
--> statement-breakpoint
INSERT INTO receivable_day (currency, day, sales, ar_in, ar_out)
SELECT currency, day, sum(sales), sum(ar_in), sum(ar_out) FROM (
  SELECT currency, issue_date AS day, face AS sales, CASE WHEN closed_date IS NULL THEN open_amount ELSE face END AS ar_in, 0 AS ar_out
  FROM invoice WHERE status NOT IN ('submitted', 'approved', 'rejected')
  UNION ALL
  SELECT currency, max(closed_date, issue_date), 0, 0, face FROM invoice WHERE status NOT IN ('submitted', 'approved', 'rejected') AND closed_date IS NOT NULL
) GROUP BY currency, day;
