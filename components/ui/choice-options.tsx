/** The <option>s of a select for a fixed set of choices; `label` names each (the choice itself by default). */
export function ChoiceOptions<Choice extends string>({
  choices,
  label = (choice) => choice,
}: {
  choices: readonly Choice[];
  label?: (choice: Choice) => string;
}) {
  return choices.map((choice) => (
    <option key={choice} value={choice}>
      {label(choice)}
    </option>
  ));
}
