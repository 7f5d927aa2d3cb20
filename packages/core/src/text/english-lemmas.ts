/**
 * Irregular English forms the suffix stemmer cannot join to their base ("went" and "go").
 * Values are base forms; the stemmer runs after this table.
 */
export const ENGLISH_IRREGULAR_FORMS: ReadonlyMap<string, string> = new Map(
  (
    'went:go gone:go goes:go did:do done:do does:do made:make saw:see seen:see took:take taken:take ' +
    'gave:give given:give got:get gotten:get came:come ran:run ate:eat eaten:eat drank:drink drunk:drink ' +
    'bought:buy brought:bring thought:think taught:teach caught:catch found:find felt:feel kept:keep ' +
    'left:leave lost:lose met:meet paid:pay said:say sold:sell sent:send spent:spend stood:stand told:tell ' +
    'understood:understand won:win wrote:write written:write began:begin begun:begin broke:break broken:break ' +
    'chose:choose chosen:choose drove:drive driven:drive flew:fly flown:fly forgot:forget forgotten:forget ' +
    'grew:grow grown:grow knew:know known:know rode:ride ridden:ride rose:rise risen:rise sang:sing sung:sing ' +
    'spoke:speak spoken:speak swam:swim swum:swim threw:throw thrown:throw wore:wear worn:wear built:build ' +
    'heard:hear held:hold led:lead meant:mean slept:sleep fell:fall fallen:fall became:become ' +
    'children:child kids:kid men:man women:woman people:person feet:foot teeth:tooth mice:mouse ' +
    'better:good best:good worse:bad worst:bad'
  )
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);
