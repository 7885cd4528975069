import { Text, View } from '@react-pdf/renderer'
import { AddressWindow, LetterDocument, LetterPage, Letterhead } from '../documents/base'
import { renderPdf } from '../documents/render'

export interface Letter {
  id: number
  recipient: string | null
  subject: string
  body: string
}

/** One print-ready PDF, one letter per page (or more when long), reusing the invoice documents' layout and embedded font. */
export async function renderLetterBatch(letters: readonly Letter[], factorName: string, returnLine: string): Promise<Buffer> {
  return renderPdf(
    <LetterDocument title={`Reminder letters (${letters.length})`} author={factorName}>
      {letters.map((l) => (
        <LetterPage key={l.id} footer={<Text style={{ fontSize: 7 }}>{`${factorName} · reminder letter ${l.id}`}</Text>}>
          <Letterhead left={{ name: factorName }} />
          <AddressWindow returnLine={returnLine} lines={(l.recipient ?? '').split('\n')} />
          <View style={{ marginTop: 18 }}>
            <Text style={{ fontSize: 12, fontWeight: 'bold', marginBottom: 10 }}>{l.subject}</Text>
            {l.body.split('\n').map((line, i) => (
              <Text key={i} style={{ fontSize: 9, minHeight: 11 }}>
                {line}
              </Text>
            ))}
          </View>
        </LetterPage>
      ))}
    </LetterDocument>
  )
}
