import { answerTransition } from "@/lib/orders/endpoints";

export async function POST(request: Request, context: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await context.params;
  return answerTransition(request, id);
}
