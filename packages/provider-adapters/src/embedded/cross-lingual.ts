import { foldWord } from './lexicon';

/**
 * Everyday words of customer calls in Spanish, French, German, Dutch, Portuguese and Italian (the
 * languages the name rules read), each with the English word it is filed under, so an English
 * question finds what the caller said in their own language ("what roof?" → "Garagendach", "for
 * how long?" → "drie dagen"). No library covers this; it is data: one line per English word, its
 * translations after the colon (singular and the usual plural or verb forms; diacritics are folded
 * when the table is read). German and Dutch compounds are split into known parts.
 */
const TABLE = `
account: cuenta cuentas compte comptes konto konten rekening rekeningen conta contas conto conti
address: dirección direccion domicilio adresse adressen adres adressen endereço endereco indirizzo indirizzi
appointment: cita citas rendez-vous termin termine afspraak afspraken consulta consultas appuntamento appuntamenti
bill: factura facturas recibo facture factures rechnung rechnungen factuur facturen rekening fatura faturas bolletta bollette fattura fatture
battery: batería bateria baterías batterie batterien accu accu's batterij batteria batterie speicher
broken: roto rota rotos cassé cassée kaputt defekt kapot stuk quebrado quebrada avariado rotto rotta guasto
budget: presupuesto presupuestos budget budgets orçamento orcamento
buy: comprar compré compramos acheter acheté kaufen gekauft kopen gekocht comprei comprare comprato
call: llamada llamadas llamar appel appels appeler anruf anrufe anrufen bellen gebeld telefoontje ligação ligar chiamata chiamate chiamare
cancel: cancelar cancelado anular annuler annulé kündigen stornieren gekündigt opzeggen annuleren opgezegd cancelado annullare disdire
car: coche coches carro carros auto autos voiture voitures wagen macchina macchine automobile
change: cambiar cambio cambiado changer changement ändern änderung geändert wijzigen veranderen gewijzigd mudar alterar mudança cambiare cambiato
charge: cargo cargos cobro cobros cobrado frais débit prélèvement gebühr gebühren abbuchung kosten afschrijving cobrança addebito addebiti
child: niño niños niña hijo hijos hija hijas enfant enfants fils fille kind kinder kinderen zoon dochter criança crianças filho filha bambino bambini figlio figlia
company: empresa empresas compañía société sociétés entreprise firma firmen unternehmen bedrijf bedrijven empresa companhia azienda aziende ditta
computer: ordenador ordinateur rechner computador computer
connection: conexión conexion connexion verbindung verbinding conexão conexao connessione
contract: contrato contratos contrat contrats vertrag verträge contract contracten contratto contratti
cost: coste costo costar coût coûte kosten kostet kost custo custa costa
customer: cliente clientes client clients kunde kunden klant klanten cliente
damage: daño daños dommage dommages schaden schäden schade dano danos danno danni
date: fecha date datum datums data
day: día días dia dias jour jours journée tag tage tagen dag dagen dia dias giorno giorni
delivery: entrega entregas envío envio livraison livraisons lieferung lieferungen levering leveringen bezorging entrega consegna consegne
device: dispositivo aparato appareil appareils gerät geräte apparaat toestel dispositivo aparelho dispositivo
doctor: médico medico médecin arzt ärztin dokter huisarts médico medico
email: correo correos courriel mail e-mail email emails
error: error errores erreur erreurs fehler fout fouten erro erros errore errori
family: familia famille familie família famiglia
father: padre papá père papa vater vader pai padre papà
fee: tarifa comisión frais gebühr kosten tarief taxa tassa commissione
fix: arreglar reparar réparer reparieren repareren consertar reparar riparare sistemare
friday: viernes vendredi freitag vrijdag sexta venerdì
garage: garaje garagen garage garagem
heating: calefacción calefaccion chauffage heizung verwarming aquecimento riscaldamento
help: ayuda ayudar aide aider hilfe helfen hulp helpen ajuda ajudar aiuto aiutare
home: casa hogar maison domicile zuhause haus huis thuis lar casa
house: casa casas maison maisons haus häuser huis huizen casa casas
husband: marido esposo mari ehemann mann echtgenoot man marido marito
internet: internet red réseau netz internet rede rete
invoice: factura facture rechnung factuur fatura fattura
job: trabajo empleo travail emploi boulot arbeit job stelle werk baan trabalho emprego lavoro
late: tarde retraso retrasado retard en_retard spät verspätet verspätung laat vertraging atraso atrasado tardi ritardo
light: luz luces lumière lumières licht lichter lampje luz luzes luce luci
line: línea linea ligne leitung lijn linha linea
meter: contador medidor compteur zähler zählerstand meter slimme_meter contador contatore
mobile: móvil movil portable handy mobiel gsm celular telemóvel cellulare telefonino
money: dinero plata argent geld dinheiro soldi denaro
monday: lunes lundi montag maandag segunda lunedì
month: mes meses mois monat monate monaten maand maanden mês mes meses mese mesi
morning: mañana matin matinée morgen vormittag ochtend morgen manhã mattina mattino
mother: madre mamá mère maman mutter moeder mãe madre mamma
move: mudanza mudarse déménagement déménager umzug umziehen verhuizing verhuizen mudança mudar trasloco traslocare
name: nombre apellido nom prénom name nachname naam achternaam nome sobrenome cognome
new: nuevo nueva nuevos nouveau nouvelle neu neue neuen nieuw nieuwe novo nova nuovo nuova
number: número numero numéro nummer número numero
order: pedido pedidos orden commande commandes bestellung bestellungen bestelling bestellingen encomenda pedido ordine ordini
package: paquete paquetes paquet colis paket pakete pakket pakketje pacote encomenda pacco pacchi
pain: dolor douleur schmerz schmerzen pijn dor dolore
panel: panel paneles placa placas panneau panneaux modul module paneel panelen zonnepaneel zonnepanelen painel painéis pannello pannelli
pay: pagar pagué pago pagado payer payé paiement zahlen bezahlt zahlung betalen betaald betaling pagar pagamento pagare pagato pagamento
payment: pago pagos paiement paiements zahlung zahlungen betaling betalingen pagamento pagamentos pagamento pagamenti
phone: teléfono telefono teléfonos téléphone telefon telefoon telefone
plan: plan tarifa forfait abonnement tarif vertrag abonnement pakket plano piano tariffa abbonamento
price: precio precios prix preis preise prijs prijzen preço preco prezzo prezzi
problem: problema problemas problème problèmes problem probleme probleem problemen problema problemi
red: rojo roja rouge rot rood vermelho rosso
refund: reembolso devolución remboursement rückerstattung erstattung terugbetaling restitutie reembolso rimborso
repair: reparación reparacion réparation reparatur reparatie conserto reparo riparazione
roof: tejado techo toit dach dak telhado tetto
router: router routeur roteador
saturday: sábado sabado samedi samstag zaterdag sábado sabato
school: escuela colegio école schule school escola scuola
send: enviar envío envoyer envoyé schicken senden geschickt sturen versturen gestuurd enviar mandar inviare mandare
smart: inteligente intelligent intelligente smart slim slimme
solar: solar solaire photovoltaik fotovoltaica photovoltaïque zonne fotovoltaico
son: hijo fils sohn zoon filho figlio
spring: primavera printemps frühling frühjahr lente voorjaar primavera
storage: almacenamiento stockage speicher opslag armazenamento accumulo
storm: tormenta tempestad orage tempête sturm gewitter unwetter storm onweer tempestade temporale tempesta
summer: verano été sommer zomer verão estate
sunday: domingo dimanche sonntag zondag domenica
system: sistema instalación système installation anlage systeem installatie sistema impianto
text: mensaje sms texto message nachricht bericht berichtje sms mensagem messaggio
thursday: jueves jeudi donnerstag donderdag quinta giovedì
ticket: billete entrada billet fahrkarte ticket kaartje bilhete biglietto
time: hora tiempo heure temps zeit uhr tijd uur hora tempo ora
tuesday: martes mardi dienstag dinsdag terça martedì
wednesday: miércoles mercredi mittwoch woensdag quarta mercoledì
week: semana semanas semaine semaines woche wochen week weken semana semanas settimana settimane
wife: esposa mujer femme épouse frau ehefrau vrouw echtgenote esposa mulher moglie
winter: invierno hiver winter inverno
work: trabajar trabajo travailler travail arbeiten arbeit werken werk trabalhar trabalho lavorare lavoro
year: año años an ans année années jahr jahre jahren jaar jaren ano anos anno anni
one: uno una un une eins ein eine een um uma
two: dos deux zwei twee dois duas due
three: tres trois drei drie três tre
four: cuatro quatre vier quatro quattro
five: cinco cinq fünf vijf cinque
six: seis six sechs zes sei
seven: siete sept sieben zeven sete sette
eight: ocho huit acht oito otto
nine: nueve neuf neun negen nove
ten: diez dix zehn tien dez dieci
twelve: doce douze zwölf twaalf doze dodici
twenty: veinte vingt zwanzig twintig vinte venti
hundred: cien ciento cent hundert honderd cem cento
thousand: mil mille tausend duizend mil mille mila
`;

const STEMS = /(?:en|es|er|e|n|s|x)$/u;

function parse(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const line of TABLE.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const english = line.slice(0, colon).trim();
    for (const raw of line
      .slice(colon + 1)
      .trim()
      .split(/\s+/)) {
      const word = foldWord(raw.replace(/_/g, ' ')).replace(/ /g, '_');
      if (word.length === 0 || word === english) continue;
      map.set(word, [...new Set([...(map.get(word) ?? []), english])]);
    }
  }
  return map;
}

let table: Map<string, string[]> | null = null;

/** The English words a (folded) word of another language is filed under; a German or Dutch compound gives its parts'. */
export function englishFor(word: string): readonly string[] {
  table ??= parse();
  const direct = table.get(word) ?? (word.length > 4 ? table.get(word.replace(STEMS, '')) : undefined);
  if (direct) return direct;
  // Garagendach → garagen + dach, zonnepanelen → zonne + panelen: the longest known head, then its modifier.
  if (word.length >= 8) {
    for (let cut = 3; cut <= word.length - 4; cut += 1) {
      const head = table.get(word.slice(cut));
      if (!head) continue;
      const modifier = word.slice(0, cut);
      const first = table.get(modifier) ?? table.get(modifier.replace(/(?:s|n|en|e)$/u, ''));
      return [...(first ?? []), ...head];
    }
  }
  return [];
}
