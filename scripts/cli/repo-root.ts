/**
 * The checkout this CLI runs from, whether from source (tsx) or compiled into dist/: found as the
 * template files are (templates/template-folder.ts), from the nearest package.json above.
 */
export { PACKAGE_ROOT as REPO_ROOT } from '../../templates/template-folder';
