/** The README's inputs block, generated from action.yml's text. */
export function inputsBlock(actionYml: string): string
/** README text with its inputs block replaced by the generated one. */
export function withInputs(readme: string, actionYml: string): string
export const BEGIN: string
export const END: string
