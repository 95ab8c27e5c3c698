/** The review pages' own styles, served at /assets/review.css beside the layout's sheet. */
export const REVIEW_CSS = `
.sev-critical{color:#fff;background:#b00020;padding:0 .3rem;border-radius:3px}
.sev-high{color:#fff;background:#d35400;padding:0 .3rem;border-radius:3px}
.sev-medium{background:#f1c40f;padding:0 .3rem;border-radius:3px}
.sev-low{background:#d5d9e0;padding:0 .3rem;border-radius:3px}
tr.escalated td{background:#fff1f0}
.escalated-mark{color:#b00020;font-weight:bold}
.overdue{color:#b00020;font-weight:bold}
mark.diff{background:#ffd6d6;color:#7a0010;text-decoration:underline}
table.compare td{width:50%;font-size:1.05rem}
section.case{background:#fff;border:1px solid #d5d9e0;padding:.8rem 1rem;margin-bottom:1rem}
section.case h2{font-size:1.05rem;margin:.2rem 0 .6rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}
dl.facts dt{color:#555}
dl.facts dd{margin:0}
.sha{font-family:monospace;font-size:.85rem;word-break:break-all}
img.evidence{max-width:100%;border:1px solid #d5d9e0}
form.decision{border:1px solid #d5d9e0;padding:.6rem;margin:.4rem 0;background:#fafbfc}
form.decision textarea{width:100%;min-height:3.5rem}
.pager{margin:.8rem 0;display:flex;gap:1rem}
.muted{color:#777}
`;
