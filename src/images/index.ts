export { type AnsiColour, type AnsiSpan, type AnsiStyle, parseAnsi, stripAnsi } from './ansi';
export { formatDuration } from './duration';
export { DEFAULT_MAX_STEPS, type JobImageInput, type JobImageStep, jobImage, jobPng, jobSvg } from './job-image';
export { fileSlug, jobImageName, stageImageName } from './names';
export { type ImagePalette, type ImageTheme, PALETTES } from './palette';
export { DEFAULT_MAX_LINES, MAX_COLUMNS, type RenderedImage, type StepImageInput, stepImage, stepPng, stepSvg } from './step-image';
export { runZip, type ZipFile } from './zip';
