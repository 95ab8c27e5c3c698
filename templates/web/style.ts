/**
 * The workbench's one stylesheet, served at /assets/web.css (the CSP allows styles from this site
 * only for the pages' own markup: no style attributes are needed).
 */
export const WEB_CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;font-size:14px;color:#222;background:#f6f7f9}
header{display:flex;align-items:center;gap:1rem;background:#1f3b5a;color:#fff;padding:.5rem 1rem}
header .brand{font-weight:bold;margin-right:1rem}
header nav{display:flex;gap:.8rem;flex:1}
header nav a{color:#dce6f2;text-decoration:none;padding:.2rem .4rem;border-radius:3px}
header nav a.current{background:#fff;color:#1f3b5a}
header .who{color:#dce6f2}
header form{margin:0}
header button{background:none;border:1px solid #dce6f2;color:#fff;border-radius:3px;cursor:pointer}
main{padding:1rem 1.5rem;max-width:80rem}
h1{font-size:1.3rem}
table{border-collapse:collapse;background:#fff;width:100%}
th,td{border:1px solid #d5d9e0;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5}
p.err{color:#b00020}
p.ok{color:#1b6e2b}
.status-ok{color:#1b6e2b}.status-partial{color:#a86300}.status-failed{color:#b00020}
form.inline{display:inline}
form.filters{display:flex;gap:.6rem;align-items:end;margin-bottom:.8rem;flex-wrap:wrap}
label{display:block;margin:.4rem 0}
.login{max-width:22rem;margin:4rem auto;background:#fff;padding:1.5rem;border:1px solid #d5d9e0}
.login input{width:100%;padding:.4rem}
.secret{font-family:monospace;font-size:1.1rem;background:#fff8d6;padding:.2rem .5rem}
`;
